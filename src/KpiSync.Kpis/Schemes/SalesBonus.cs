using KpiSync.Kpis.Indicators;
using static KpiSync.Kpis.Schemes.SchemeContext;

namespace KpiSync.Kpis.Schemes;

/// <summary>Kind 4: <c>max(0, sales − critical) × rate</c>; sales is the fact <see cref="Indicator"/>, rate a fraction (20 % is 0.2).</summary>
public sealed record SalesBonus(decimal Critical, decimal Rate, string Indicator = IndicatorKeys.Revenue) : PayComponent
{
    public override string Kind => ComponentKinds.SalesBonus;

    internal override PayLine Evaluate(SchemeContext context)
    {
        var sales = context.Fact(Indicator, out var note);
        var amount = Math.Max(0m, sales - Critical) * Rate;
        return new(Kind, amount, WithNotes(F($"max(0, {Indicator} {sales} − {Critical}) × {Rate}"), note));
    }
}
