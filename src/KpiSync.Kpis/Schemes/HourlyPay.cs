using static KpiSync.Kpis.Schemes.SchemeContext;

namespace KpiSync.Kpis.Schemes;

/// <summary>
/// Kind 5: <c>hours × rate + (fact ≥ plan ? plan_bonus : 0) + max(0, fact − plan) × over_share</c>, where
/// fact and plan are those of <see cref="PlanIndicator"/>. Without a plan only the hours are paid.
/// </summary>
public sealed record HourlyPay(string HoursIndicator, decimal Rate, string PlanIndicator, decimal PlanBonus, decimal OverShare) : PayComponent
{
    public override string Kind => ComponentKinds.HourlyPay;

    internal override PayLine Evaluate(SchemeContext context)
    {
        var hours = context.Fact(HoursIndicator, out var hoursNote);
        var hourly = hours * Rate;
        if (!context.TryGetPlan(PlanIndicator, out var plan))
        {
            return new(Kind, hourly, WithNotes(F($"{hours} h × {Rate}"), hoursNote, $"no plan for {PlanIndicator}: no plan bonus or over-fulfilment share"));
        }

        var fact = context.Fact(PlanIndicator, out var factNote);
        var bonus = fact >= plan ? PlanBonus : 0m;
        var over = Math.Max(0m, fact - plan) * OverShare;
        var formula = F($"{hours} h × {Rate} + ({PlanIndicator} {fact} ≥ plan {plan} ? {PlanBonus} : 0) + max(0, {fact} − {plan}) × {OverShare}");
        return new(Kind, hourly + bonus + over, WithNotes(formula, hoursNote, factNote));
    }
}
