namespace KpiSync.Kpis.Indicators;

/// <summary>One computed indicator. <see cref="Value"/> is null where the indicator has no meaning (KPI.md).</summary>
public sealed record IndicatorValue(string Key, decimal? Value, bool LowSample, Explanation Explanation);
