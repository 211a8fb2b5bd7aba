using KpiSync.Kpis.Indicators;

namespace KpiSync.Admin.Kpis;

/// <summary>The columns the KPI table can show, and the default set a sales director reads first. A page or export
/// takes <c>cols=calls,meetings,…</c> (or repeated <c>cols</c>); none gives the default, and the pages refuse unknown keys.</summary>
internal static class KpiColumns
{
    private static readonly KpiColumn[] Catalog =
    [
        new(IndicatorKeys.Calls, "Calls", ValueFormat.Count),
        new(IndicatorKeys.CallsOut, "Calls out", ValueFormat.Count),
        new(IndicatorKeys.CallsIn, "Calls in", ValueFormat.Count),
        new(IndicatorKeys.CallSeconds, "Call seconds", ValueFormat.Count),
        new(IndicatorKeys.CallsAttempted, "Calls attempted", ValueFormat.Count),
        new(IndicatorKeys.Meetings, "Meetings", ValueFormat.Count),
        new(IndicatorKeys.Touches, "Touches", ValueFormat.Count),
        new(IndicatorKeys.DealsCreated, "Deals created", ValueFormat.Count),
        new(IndicatorKeys.DealsInWork, "Deals in work", ValueFormat.Count),
        new(IndicatorKeys.ResponseMinutes, "Response (median)", ValueFormat.Minutes),
        new(IndicatorKeys.ResponseMinutesP90, "Response (p90)", ValueFormat.Minutes),
        new(IndicatorKeys.Attention, "Attention", ValueFormat.Number),
        new(IndicatorKeys.DealsWon, "Deals won", ValueFormat.Count),
        new(IndicatorKeys.DealsLost, "Deals lost", ValueFormat.Count),
        new(IndicatorKeys.Conversion, "Conversion", ValueFormat.Share),
        new(IndicatorKeys.CohortConversion, "Cohort conversion", ValueFormat.Share),
        new(IndicatorKeys.Funnel, "Funnel conversion", ValueFormat.Share),
        new(IndicatorKeys.Revenue, "Revenue", ValueFormat.Money),
        new(IndicatorKeys.AverageCheck, "Average check", ValueFormat.Money),
        new(IndicatorKeys.Receivables, "Receivables", ValueFormat.Money),
        new(IndicatorKeys.ReceivablesOverdue, "Overdue", ValueFormat.Money),
        new(IndicatorKeys.Payments, "Payments", ValueFormat.Money),
        new(IndicatorKeys.Profit, "Profit", ValueFormat.Money),
        new(IndicatorKeys.IdleHours, "Idle", ValueFormat.Hours),
        new(IndicatorKeys.ActiveHours, "Active", ValueFormat.Hours),
        new(IndicatorKeys.RealDealShare, "Real deals", ValueFormat.Share),
        new(IndicatorKeys.NewClients, "New clients", ValueFormat.Count),
        new(IndicatorKeys.RepeatPurchases, "Repeat purchases", ValueFormat.Count),
        new(IndicatorKeys.ProductCoverage, "Product coverage", ValueFormat.Share),
        new(IndicatorKeys.KpiIndex, "KPI index", ValueFormat.Share),
        new(IndicatorKeys.PayTotal, "Pay", ValueFormat.Money),
    ];

    private static readonly Dictionary<string, KpiColumn> ByKey = Catalog.ToDictionary(c => c.Key, StringComparer.Ordinal);

    public static IReadOnlyList<KpiColumn> All => Catalog;

    public static IReadOnlyList<string> DefaultKeys { get; } =
    [
        IndicatorKeys.Calls, IndicatorKeys.Meetings, IndicatorKeys.DealsWon, IndicatorKeys.Conversion, IndicatorKeys.Revenue,
        IndicatorKeys.AverageCheck, IndicatorKeys.Receivables, IndicatorKeys.IdleHours, IndicatorKeys.KpiIndex, IndicatorKeys.PayTotal,
    ];

    /// <summary>Any stored key has a column: per-stage funnel and per-segment attention keys read like their family.</summary>
    public static KpiColumn For(string key) => ByKey.TryGetValue(key, out var c) ? c
        : key.StartsWith(IndicatorKeys.Funnel + ":", StringComparison.Ordinal) ? new(key, "Funnel " + key[(IndicatorKeys.Funnel.Length + 1)..], ValueFormat.Share)
        : key.StartsWith(IndicatorKeys.Attention + ":", StringComparison.Ordinal) ? new(key, "Attention " + key[(IndicatorKeys.Attention.Length + 1)..], ValueFormat.Number)
        : new(key, key, ValueFormat.Number);

    /// <summary>The chosen columns in the order given, from repeated or comma-separated keys; the default when none is known.</summary>
    public static IReadOnlyList<KpiColumn> Parse(IEnumerable<string?>? keys)
    {
        var chosen = Split(keys).Where(IsKnown).Distinct(StringComparer.Ordinal).Select(For).ToList();
        return chosen.Count > 0 ? chosen : DefaultKeys.Select(For).ToList();
    }

    /// <summary>The keys in <paramref name="keys"/> no column has (the pages answer them with 400).</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string?>? keys) => Split(keys).Where(k => !IsKnown(k)).Distinct(StringComparer.Ordinal).ToList();

    private static bool IsKnown(string key) => ByKey.ContainsKey(key) || key.StartsWith(IndicatorKeys.Funnel + ":", StringComparison.Ordinal)
        || key.StartsWith(IndicatorKeys.Attention + ":", StringComparison.Ordinal);

    private static IEnumerable<string> Split(IEnumerable<string?>? keys) =>
        (keys ?? []).SelectMany(k => (k ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string Query(IEnumerable<KpiColumn> columns) => string.Join(',', columns.Select(c => c.Key));
}
