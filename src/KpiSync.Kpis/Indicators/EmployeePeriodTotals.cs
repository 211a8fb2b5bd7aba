namespace KpiSync.Kpis.Indicators;

/// <summary>
/// The counts and sums one employee accumulated in one period: what the set-based SQL aggregate
/// produces and the rules below turn into indicator values.
/// </summary>
public sealed record EmployeePeriodTotals
{
    public long CallsOut { get; init; }
    public long CallsIn { get; init; }
    public long CallSeconds { get; init; }
    public long CallsAttempted { get; init; }
    public long Meetings { get; init; }
    public long DealsWon { get; init; }
    public long DealsLost { get; init; }

    /// <summary>Sum of each won deal's price at the moment of the win.</summary>
    public decimal RevenueWon { get; init; }
}
