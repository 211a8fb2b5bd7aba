namespace KpiSync.Kpis.Indicators;

/// <summary>Per-connection rule settings. Defaults are KPI.md's.</summary>
public sealed record KpiSettings
{
    /// <summary>Closed deals (won + lost) below which conversion is marked low_sample. Default 30.</summary>
    public int MinClosedDealsForConversion { get; init; } = 30;

    /// <summary>Won deals below which the average check is marked low_sample. Default 100.</summary>
    public int MinWonDealsForAverageCheck { get; init; } = 100;

    public static KpiSettings Default { get; } = new();
}
