namespace KpiSync.Kpis.Indicators;

/// <summary>
/// Turns one employee-period's totals into indicator values (KPI.md). Pure and deterministic. A value with no meaning
/// (a division by zero, no completed working day) is null, never 0. Each value is computed exactly and kept exact in
/// <see cref="IndicatorValue.Exact"/> for the index and pay; its <see cref="IndicatorValue.Value"/> is rounded half away
/// from zero for display and storage: shares to 4 places, hours, minutes and money to 2.
/// </summary>
public static class KpiCalculator
{
    public static IReadOnlyList<IndicatorValue> Compute(EmployeePeriodTotals t, KpiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(settings);
        var closed = t.DealsWon + t.DealsLost;
        var values = new List<IndicatorValue>(IndicatorKeys.All.Count + t.Funnel.Count + t.Attention.Count)
        {
            Counted(IndicatorKeys.Calls, t.CallsOut + t.CallsIn, "answered calls (status 4, or duration > 0 where status is missing)"),
            Counted(IndicatorKeys.CallsOut, t.CallsOut, "answered outgoing calls"),
            Counted(IndicatorKeys.CallsIn, t.CallsIn, "answered incoming calls"),
            Counted(IndicatorKeys.CallSeconds, t.CallSeconds, "seconds of answered calls"),
            Counted(IndicatorKeys.CallsAttempted, t.CallsAttempted, "all calls"),
            Counted(IndicatorKeys.Meetings, t.Meetings, "completed meetings scheduled in the period"),
            Counted(IndicatorKeys.Touches, t.Touches, "calls, completed meetings and completed tasks"),
            Counted(IndicatorKeys.DealsCreated, t.DealsCreated, "deals created, for their responsible at creation"),
            Counted(IndicatorKeys.DealsInWork, t.DealsInWork, "open deals at the end of the period (now, for the running one)"),
            Value(IndicatorKeys.ResponseMinutes, Two(Percentiles.Median(t.ResponseMinutes)), t.ResponseMinutes.Count < settings.MinSample,
                "median minutes from creation or assignment to the responsible's first touch", ("responses", t.ResponseMinutes.Count)),
            Value(IndicatorKeys.ResponseMinutesP90, Two(Percentiles.P90(t.ResponseMinutes)), t.ResponseMinutes.Count < settings.MinSample,
                "90th percentile of those minutes", ("responses", t.ResponseMinutes.Count)),
            Attention(IndicatorKeys.Attention, t.AttentionOverall, settings),
            Counted(IndicatorKeys.DealsWon, t.DealsWon, "deals whose final close in the period was a win"),
            Counted(IndicatorKeys.DealsLost, t.DealsLost, "deals whose final close in the period was a loss"),
            Value(IndicatorKeys.Revenue, Two(t.RevenueWon), false, "sum of won deals' prices at the moment of the win", ("revenue_won", t.RevenueWon)),
            Value(IndicatorKeys.Conversion, Ratio(t.DealsWon, closed), closed < settings.MinClosedDealsForConversion,
                "won / (won + lost)", ("won", t.DealsWon), ("lost", t.DealsLost)),
            Value(IndicatorKeys.CohortConversion, Ratio(t.CohortWon, t.CohortCreated), t.CohortCreated < settings.MinClosedDealsForConversion,
                "of the deals created in the period, the share won by now", ("created", t.CohortCreated), ("won", t.CohortWon)),
            Value(IndicatorKeys.Funnel, Ratio(t.FunnelOverall.Advanced, t.FunnelOverall.Entered), t.FunnelOverall.Entered < settings.MinClosedDealsForConversion,
                "of the deals entering the first stage in the period, the share that reached a won stage",
                ("entered", t.FunnelOverall.Entered), ("won", t.FunnelOverall.Advanced)),
            Value(IndicatorKeys.AverageCheck, Two(t.DealsWon == 0 ? null : t.RevenueWon / t.DealsWon), t.DealsWon < settings.MinWonDealsForAverageCheck,
                "revenue_won / won", ("revenue_won", t.RevenueWon), ("won", t.DealsWon)),
            Value(IndicatorKeys.Receivables, Two(t.Receivables), false,
                "Σ max(0, invoiced − paid) over invoiced deals (where the CRM has no invoices: won deals, owing their price) at the end of the period", ("receivables", t.Receivables)),
            Value(IndicatorKeys.ReceivablesOverdue, Two(t.ReceivablesOverdue), false,
                "the part of receivables whose due date is before the end of the period", ("overdue", t.ReceivablesOverdue)),
            Value(IndicatorKeys.IdleHours, Two(t.NominalSeconds == 0 ? null : (t.NominalSeconds - t.CoveredSeconds) / 3600m), false,
                "(nominal − covered) working time of completed working days, in hours",
                ("nominal_hours", Hours(t.NominalSeconds)), ("covered_hours", Hours(t.CoveredSeconds))),
            Value(IndicatorKeys.ActiveHours, Two(t.NominalSeconds == 0 ? null : t.CoveredSeconds / 3600m), false,
                "working time covered by activity, in hours", ("covered_hours", Hours(t.CoveredSeconds))),
            Value(IndicatorKeys.Profit, Two(t.RevenueWon - t.CostWon - t.LaborSecondsWon / 3600m * settings.HourlyRate), false,
                "revenue_won − cost_of_goods − involved_hours × hourly_rate",
                ("revenue_won", t.RevenueWon), ("cost_of_goods", t.CostWon), ("involved_hours", t.LaborSecondsWon / 3600m), ("hourly_rate", settings.HourlyRate)),
            Value(IndicatorKeys.RealDealShare, Ratio(t.RealDeals, t.PotentialDeals + t.RealDeals), t.PotentialDeals + t.RealDeals < settings.MinSample,
                "real / (potential + real) open deals at the end of the period", ("potential", t.PotentialDeals), ("real", t.RealDeals)),
            Counted(IndicatorKeys.NewClients, t.NewClients, "wins that were a client's first purchase"),
            Counted(IndicatorKeys.RepeatPurchases, t.RepeatPurchases, "wins from clients who had bought before"),
            Value(IndicatorKeys.ProductCoverage, Ratio(t.ProductsSold.Count, settings.ProductCatalogSize), false,
                "distinct products sold / products in the catalog", ("products_sold", t.ProductsSold.Count), ("catalog", settings.ProductCatalogSize)),
            Value(IndicatorKeys.Payments, Two(t.Payments), false, "money received in the period", ("payments", t.Payments)),
        };
        foreach (var (stage, count) in t.Funnel)
        {
            values.Add(Value(IndicatorKeys.FunnelConversion(stage), Ratio(count.Advanced, count.Entered), count.Entered < settings.MinClosedDealsForConversion,
                "of the deals entering the stage in the period, the share that later reached a further stage (not lost)",
                ("entered", count.Entered), ("advanced", count.Advanced)));
        }

        foreach (var (segment, count) in t.Attention)
        {
            values.Add(Attention(IndicatorKeys.AttentionIn(segment), count, settings));
        }

        return values;
    }

    private static IndicatorValue Attention(string key, AttentionCount c, KpiSettings settings) =>
        Value(key, Two(c.OpenDeals == 0 ? null : (decimal)c.Touches / c.OpenDeals), c.OpenDeals < settings.MinSample,
            "touches on open deals / open deals", ("touches", c.Touches), ("open_deals", c.OpenDeals));

    private static IndicatorValue Counted(string key, long n, string what) => new(key, n, false, Explanation.Count(what, n));

    private static IndicatorValue Value(string key, (decimal? Exact, decimal? Shown) value, bool lowSample, string formula, params (string Name, decimal Value)[] inputs) =>
        new(key, value.Shown, lowSample, new Explanation(formula, inputs.ToDictionary(i => i.Name, i => i.Value, StringComparer.Ordinal))) { Exact = value.Exact };

    /// <summary>A share, null when the denominator is zero; shown to 4 places (0.8571).</summary>
    private static (decimal? Exact, decimal? Shown) Ratio(long numerator, long denominator) =>
        Rounded(denominator == 0 ? null : (decimal)numerator / denominator, 4);

    /// <summary>Hours, minutes and money, shown to 2 places.</summary>
    private static (decimal? Exact, decimal? Shown) Two(decimal? exact) => Rounded(exact, 2);

    private static (decimal? Exact, decimal? Shown) Rounded(decimal? exact, int places) =>
        (exact, exact is { } d ? Math.Round(d, places, MidpointRounding.AwayFromZero) : null);

    private static decimal Hours(long seconds) => Math.Round(seconds / 3600m, 2, MidpointRounding.AwayFromZero);

}
