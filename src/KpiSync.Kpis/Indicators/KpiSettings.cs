namespace KpiSync.Kpis.Indicators;

/// <summary>Per-connection rule settings. Defaults are KPI.md's.</summary>
public sealed record KpiSettings
{
    /// <summary>Closed deals (won + lost) below which conversion is marked low_sample; also the minimum deals for
    /// cohort and funnel conversion. Default 30.</summary>
    public int MinClosedDealsForConversion { get; init; } = 30;

    /// <summary>Won deals below which the average check is marked low_sample. Default 100.</summary>
    public int MinWonDealsForAverageCheck { get; init; } = 100;

    /// <summary>Observations below which response times, attention and the potential/real share are low_sample. Default 10.</summary>
    public int MinSample { get; init; } = 10;

    /// <summary>Cost of an involved hour, for earned profit. Default 0.</summary>
    public decimal HourlyRate { get; init; }

    /// <summary>Products in the catalog (product-line coverage's denominator); 0 leaves coverage null.</summary>
    public int ProductCatalogSize { get; init; }

    public static KpiSettings Default { get; } = new();
}
