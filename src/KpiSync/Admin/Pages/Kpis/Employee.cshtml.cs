using System.Globalization;
using KpiSync.Admin.Kpis;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Kpis;

/// <summary>One employee's month: fact against plan for each indicator of their scheme (or each planned one), every
/// value they have (scheme or not), and a twelve-month trend of the main indicators — inline SVG drawn on the server.
/// A query naming no existing connection, month or employee gets 400 and what exists.</summary>
internal sealed class EmployeeModel(ConnectionStore connections, KpiBoardReader reader, KpiValueStore values, SchemeStore schemes) : PageModel
{
    public const int Months = 12;

    /// <summary>The indicators a director follows month to month.</summary>
    public static readonly string[] TrendKeys =
        [IndicatorKeys.Calls, IndicatorKeys.Meetings, IndicatorKeys.DealsWon, IndicatorKeys.Revenue, IndicatorKeys.Conversion, IndicatorKeys.KpiIndex];

    public string Connection { get; private set; } = "";

    public string Period { get; private set; } = "";

    public KpiBoardRow Row { get; private set; } = null!;

    public string? Currency { get; private set; }

    public string? Scheme { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<PlanBar> Bars { get; private set; } = [];

    /// <summary>Every indicator with a value this month, in the catalogue's order, then the per-stage and per-segment keys.</summary>
    public IReadOnlyList<(KpiColumn Column, KpiCell Cell)> All { get; private set; } = [];

    public IReadOnlyList<(KpiColumn Column, IReadOnlyList<TrendPoint> Points)> Trends { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? connection, string? period, long? employee, CancellationToken ct)
    {
        var names = (await connections.ListAsync(ct)).Select(x => x.Name).ToList();
        var c = connection is null ? null : await connections.FindAsync(connection, ct);
        if (c is null)
        {
            return Refuse(BadQuery.Connection(connection ?? "", names));
        }

        if (!MonthPeriod.TryParse(period, out var p))
        {
            return Refuse(BadQuery.Month(period, await values.ListPeriodsAsync(c.Id, ct)));
        }

        var board = await reader.ReadAsync(c, p.ToString(), ct);
        if (board.Rows.FirstOrDefault(r => r.EmployeeId == employee) is not { } row)
        {
            return Refuse(BadQuery.Unknown("employee", employee?.ToString(CultureInfo.InvariantCulture) ?? "", board.Sorted(KpiBoard.EmployeeKey, false)
                .Select(r => $"{r.Employee} (#{r.EmployeeId.ToString(CultureInfo.InvariantCulture)})").ToList(), $" with values in {p}"));
        }

        (Connection, Period, Row, Currency) = (c.Name, p.ToString(), row, board.Currency);
        var applied = (await schemes.BookAsync(c.Id, ct)).SchemeFor(row.EmployeeId, Period);
        Scheme = applied is { } a ? $"{a.Version.Name} v{a.Version.Version}" : null;
        var keys = applied?.Scheme.Indicators.Select(i => i.Key).ToList() ?? row.Cells.Where(x => x.Value.Plan is not null).Select(x => x.Key).Order(StringComparer.Ordinal).ToList();
        Bars = keys.Select(k =>
        {
            var column = KpiColumns.For(k);
            var cell = row.Cell(k);
            var lower = applied?.Scheme.Indicators.First(i => i.Key == k).Direction == KpiSync.Kpis.Schemes.Direction.LowerIsBetter || (applied is null && column.LowerIsBetter);
            var text = cell?.Plan is { } plan ? $"{Show(column, cell.Value)} / {Show(column, plan)}" : $"{Show(column, cell?.Value)} (no plan)";
            return new PlanBar(column.Title, cell?.Value, cell?.Plan, lower, text);
        }).ToList();

        var order = KpiColumns.All.Select((col, i) => (col.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        All = row.Cells.Where(x => x.Value.Value is not null)
            .OrderBy(x => order.GetValueOrDefault(x.Key, int.MaxValue)).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => (KpiColumns.For(x.Key), x.Value)).ToList();

        var months = Enumerable.Range(0, Months).Select(i => Back(p, Months - 1 - i)).ToArray();
        var history = await values.GetHistoriesAsync(c.Id, row.EmployeeId, TrendKeys, months.Select(m => m.ToString()).ToArray(), ct);
        Trends = TrendKeys.Select(k => (KpiColumns.For(k), (IReadOnlyList<TrendPoint>)months
            .Select(m => new TrendPoint(Label(m), history.GetValueOrDefault((k, m.ToString())))).ToList())).ToList();
        return Page();
    }

    public string Show(KpiColumn column, decimal? value) => column.Display(value, Currency);

    public string? ExplainLink(string indicator) => Url.Page("/Kpis/Explain", new { connection = Connection, period = Period, employee = Row.EmployeeId, indicator });

    private static string Label(MonthPeriod m) => new DateTime(m.Year, m.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMM yyyy", CultureInfo.InvariantCulture);

    private static MonthPeriod Back(MonthPeriod p, int months)
    {
        var n = p.Year * 12 + p.Month - 1 - months;
        return new MonthPeriod(n / 12, n % 12 + 1);
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
