using System.ComponentModel.DataAnnotations;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Recompute;

public sealed class KpiOptions
{
    public const string SectionName = "Kpi";

    /// <summary>Closed deals below which conversion (and cohort/funnel conversion) is marked low_sample. <value>Default 30.</value></summary>
    [Range(0, 1_000_000, ErrorMessage = "Kpi:MinClosedDealsForConversion must be between 0 and 1000000.")]
    public int MinClosedDealsForConversion { get; init; } = 30;

    /// <summary>Won deals below which the average check is marked low_sample. <value>Default 100.</value></summary>
    [Range(0, 1_000_000, ErrorMessage = "Kpi:MinWonDealsForAverageCheck must be between 0 and 1000000.")]
    public int MinWonDealsForAverageCheck { get; init; } = 100;

    /// <summary>Observations below which response times, attention and the potential/real share are low_sample. <value>Default 10.</value></summary>
    [Range(0, 1_000_000, ErrorMessage = "Kpi:MinSample must be between 0 and 1000000.")]
    public int MinSample { get; init; } = 10;

    /// <summary>Cost of an involved hour in earned profit. <value>Default 0.</value></summary>
    [Range(0, 1_000_000_000, ErrorMessage = "Kpi:HourlyRate must be between 0 and 1000000000.")]
    public decimal HourlyRate { get; init; }

    /// <summary>Minutes a touch without a duration occupies in idle time. <value>Default 5.</value></summary>
    [Range(0, 1440, ErrorMessage = "Kpi:TouchMinutes must be between 0 and 1440.")]
    public int TouchMinutes { get; init; } = 5;

    public KpiSettings ToSettings() => new()
    {
        MinClosedDealsForConversion = MinClosedDealsForConversion,
        MinWonDealsForAverageCheck = MinWonDealsForAverageCheck,
        MinSample = MinSample,
        HourlyRate = HourlyRate,
    };
}
