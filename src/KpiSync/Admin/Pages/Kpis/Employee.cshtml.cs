using KpiSync.Admin.Kpis;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Kpis;

/// <summary>One employee's goal progress in a month: fact against plan for each indicator of their scheme (or each
/// planned one), and the KPI index over the last six months — inline SVG drawn on the server.</summary>
internal sealed class EmployeeModel(ConnectionStore connections, KpiBoardReader reader, KpiValueStore values, SchemeStore schemes) : PageModel
{
    public const int Months = 6;

    public string Connection { get; private set; } = "";

    public string Period { get; private set; } = "";

    public KpiBoardRow Row { get; private set; } = null!;

    public string? Scheme { get; private set; }

    public IReadOnlyList<PlanBar> Bars { get; private set; } = [];

    public IReadOnlyList<(string Period, decimal? Index)> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? connection, string? period, long employee, CancellationToken ct)
    {
        var c = connection is null ? null : await connections.FindAsync(connection, ct);
        if (c is null || !MonthPeriod.TryParse(period, out var p))
        {
            return NotFound();
        }

        var board = await reader.ReadAsync(c, p.ToString(), ct);
        if (board.Rows.FirstOrDefault(r => r.EmployeeId == employee) is not { } row)
        {
            return NotFound();
        }

        (Connection, Period, Row) = (c.Name, p.ToString(), row);
        var applied = (await schemes.BookAsync(c.Id, ct)).SchemeFor(employee, Period);
        Scheme = applied is { } a ? $"{a.Version.Name} v{a.Version.Version}" : null;
        var keys = applied?.Scheme.Indicators.Select(i => i.Key).ToList() ?? row.Cells.Where(x => x.Value.Plan is not null).Select(x => x.Key).Order(StringComparer.Ordinal).ToList();
        Bars = keys.Select(k =>
        {
            var column = KpiColumns.For(k);
            var cell = row.Cell(k);
            var lower = applied?.Scheme.Indicators.First(i => i.Key == k).Direction == KpiSync.Kpis.Schemes.Direction.LowerIsBetter || (applied is null && column.LowerIsBetter);
            var text = cell?.Plan is { } plan ? $"{column.Display(cell.Value)} / {column.Display(plan)}" : $"{column.Display(cell?.Value)} (no plan)";
            return new PlanBar(column.Title, cell?.Value, cell?.Plan, lower, text);
        }).ToList();

        var months = Enumerable.Range(0, Months).Select(i => Back(p, Months - 1 - i).ToString()).ToArray();
        var index = await values.GetHistoryAsync(c.Id, employee, IndicatorKeys.KpiIndex, months, ct);
        History = months.Select(m => (m, index.GetValueOrDefault(m))).ToList();
        return Page();
    }

    public string? ExplainLink(string indicator) => Url.Page("/Kpis/Explain", new { connection = Connection, period = Period, employee = Row.EmployeeId, indicator });

    private static MonthPeriod Back(MonthPeriod p, int months)
    {
        var n = p.Year * 12 + p.Month - 1 - months;
        return new MonthPeriod(n / 12, n % 12 + 1);
    }
}
