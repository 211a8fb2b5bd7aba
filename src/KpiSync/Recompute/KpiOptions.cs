using System.ComponentModel.DataAnnotations;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Recompute;

public sealed class KpiOptions
{
    public const string SectionName = "Kpi";

    /// <summary>Closed deals below which conversion is marked low_sample. <value>Default 30.</value></summary>
    [Range(0, 1_000_000, ErrorMessage = "Kpi:MinClosedDealsForConversion must be between 0 and 1000000.")]
    public int MinClosedDealsForConversion { get; init; } = 30;

    /// <summary>Won deals below which the average check is marked low_sample. <value>Default 100.</value></summary>
    [Range(0, 1_000_000, ErrorMessage = "Kpi:MinWonDealsForAverageCheck must be between 0 and 1000000.")]
    public int MinWonDealsForAverageCheck { get; init; } = 100;

    public KpiSettings ToSettings() => new()
    {
        MinClosedDealsForConversion = MinClosedDealsForConversion,
        MinWonDealsForAverageCheck = MinWonDealsForAverageCheck,
    };
}
