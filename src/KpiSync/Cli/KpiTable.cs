using System.Globalization;
using KpiSync.Kpis.Indicators;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary>The per-employee KPI table the demo and <c>kpi</c> print. A trailing * marks a low-sample value.</summary>
internal static class KpiTable
{
    private static readonly (string Key, string Header, string Format)[] Columns =
    [
        (IndicatorKeys.Calls, "Calls", "N0"),
        (IndicatorKeys.Meetings, "Meetings", "N0"),
        (IndicatorKeys.DealsWon, "Won", "N0"),
        (IndicatorKeys.DealsLost, "Lost", "N0"),
        (IndicatorKeys.Conversion, "Conversion", "P1"),
        (IndicatorKeys.AverageCheck, "Avg check", "N0"),
        (IndicatorKeys.Revenue, "Revenue", "N0"),
        (IndicatorKeys.IdleHours, "Idle h", "N1"),
        (IndicatorKeys.KpiIndex, "KPI index", "P1"),
        (IndicatorKeys.PayTotal, "Pay", "N2"),
    ];

    public static async Task WriteAsync(TextWriter output, string connection, string period, IReadOnlyList<StoredKpiValue> values)
    {
        var employees = values.GroupBy(v => (v.EmployeeId, v.Employee)).OrderBy(g => g.Key.Employee, StringComparer.Ordinal).ToList();
        await output.WriteLineAsync($"KPIs of '{connection}' for {period} ({employees.Count} employees; * = low sample)");
        var header = $"{"Employee",-26}" + string.Concat(Columns.Select(c => $"{c.Header,13}"));
        await output.WriteLineAsync(header);
        await output.WriteLineAsync(new string('-', header.Length));
        foreach (var e in employees)
        {
            var byKey = e.ToDictionary(v => v.Indicator);
            var cells = Columns.Select(c => byKey.TryGetValue(c.Key, out var v) ? Cell(v, c.Format) : "");
            await output.WriteLineAsync($"{Truncate(e.Key.Employee, 25),-26}" + string.Concat(cells.Select(s => $"{s,13}")));
        }
    }

    private static string Cell(StoredKpiValue v, string format) =>
        (v.Value is { } d ? d.ToString(format, CultureInfo.InvariantCulture) : "—") + (v.LowSample ? "*" : " ");

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
