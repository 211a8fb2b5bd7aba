namespace KpiSync.Kpis.Schemes;

/// <summary>A half-open band <c>[From, To)</c> of the KPI index; <see cref="To"/> null is open-ended (the last band).</summary>
public sealed record Band(decimal From, decimal? To, decimal Coefficient)
{
    public bool Contains(decimal index) => index >= From && (To is null || index < To);
}
