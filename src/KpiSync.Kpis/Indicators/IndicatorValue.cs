namespace KpiSync.Kpis.Indicators;

/// <summary>
/// One computed indicator. <see cref="Value"/> is null where the indicator has no meaning (KPI.md); it is rounded for
/// display and storage. <see cref="Exact"/> is the same number unrounded: the KPI index and pay are computed from it,
/// because KPI.md rounds once, at the end (a conversion of 8/15 enters the index as 0.5333…, not 0.5333).
/// </summary>
public sealed record IndicatorValue(string Key, decimal? Value, bool LowSample, Explanation Explanation)
{
    public decimal? Exact { get; init; } = Value;
}
