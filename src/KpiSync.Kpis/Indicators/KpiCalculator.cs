namespace KpiSync.Kpis.Indicators;

/// <summary>Turns one employee-period's totals into indicator values. Pure and deterministic.</summary>
public static class KpiCalculator
{
    public static IReadOnlyList<IndicatorValue> Compute(EmployeePeriodTotals t, KpiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(settings);
        var closed = t.DealsWon + t.DealsLost;
        return
        [
            Counted(IndicatorKeys.Calls, t.CallsOut + t.CallsIn, "answered calls (status 4, or duration > 0 where status is missing)"),
            Counted(IndicatorKeys.CallsOut, t.CallsOut, "answered outgoing calls"),
            Counted(IndicatorKeys.CallsIn, t.CallsIn, "answered incoming calls"),
            Counted(IndicatorKeys.CallSeconds, t.CallSeconds, "seconds of answered calls"),
            Counted(IndicatorKeys.CallsAttempted, t.CallsAttempted, "all calls"),
            Counted(IndicatorKeys.Meetings, t.Meetings, "completed meetings scheduled in the period"),
            Counted(IndicatorKeys.DealsWon, t.DealsWon, "deals whose final close in the period was a win"),
            Counted(IndicatorKeys.DealsLost, t.DealsLost, "deals whose final close in the period was a loss"),
            new(IndicatorKeys.Revenue, Money.Round(t.RevenueWon), false,
                new("sum of won deals' prices at the moment of the win", new Dictionary<string, decimal> { ["revenue_won"] = t.RevenueWon })),
            new(IndicatorKeys.Conversion, Ratio(t.DealsWon, closed), closed < settings.MinClosedDealsForConversion,
                new("won / (won + lost)", new Dictionary<string, decimal> { ["won"] = t.DealsWon, ["lost"] = t.DealsLost })),
            new(IndicatorKeys.AverageCheck, t.DealsWon == 0 ? null : Money.Round(t.RevenueWon / t.DealsWon),
                t.DealsWon < settings.MinWonDealsForAverageCheck,
                new("revenue_won / won", new Dictionary<string, decimal> { ["revenue_won"] = t.RevenueWon, ["won"] = t.DealsWon })),
        ];
    }

    private static IndicatorValue Counted(string key, long n, string what) => new(key, n, false, Explanation.Count(what, n));

    /// <summary>A share, null when the denominator is zero; kept to 4 places (0.8571).</summary>
    private static decimal? Ratio(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round((decimal)numerator / denominator, 4, MidpointRounding.AwayFromZero);
}
