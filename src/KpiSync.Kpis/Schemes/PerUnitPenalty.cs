using static KpiSync.Kpis.Schemes.SchemeContext;

namespace KpiSync.Kpis.Schemes;

/// <summary>Kind 6: <c>− units × amount</c>, units being the fact <see cref="Indicator"/> (e.g. idle hours × 100). Negative units count as 0.</summary>
public sealed record PerUnitPenalty(string Indicator, decimal Amount) : PayComponent
{
    public override string Kind => ComponentKinds.PerUnitPenalty;

    internal override bool IsPenalty => true;

    internal override PayLine Evaluate(SchemeContext context)
    {
        var units = Math.Max(0m, context.Fact(Indicator, out var note));
        return new(Kind, -(units * Amount), WithNotes(F($"−{Indicator} {units} × {Amount}"), note));
    }
}
