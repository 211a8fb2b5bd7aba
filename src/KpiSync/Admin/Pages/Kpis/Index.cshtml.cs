using KpiSync.Admin.Kpis;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Kpis;

/// <summary>A month's KPI table (employees × chosen indicators with plan, fact, index and pay), sortable by any column
/// through plain links, or as a leaderboard ranked by the KPI index or any indicator. Every number links to its explanation.</summary>
internal sealed class IndexModel(ConnectionStore connections, KpiValueStore values, KpiBoardReader reader, TimeProvider time) : PageModel
{
    public ConnectionChoice Choice { get; private set; } = new([], null);

    public string Period { get; private set; } = "";

    public IReadOnlyList<string> Periods { get; private set; } = [];

    public KpiBoard? Board { get; private set; }

    public IReadOnlyList<KpiColumn> Columns { get; private set; } = [];

    public string Sort { get; private set; } = KpiBoard.EmployeeKey;

    public bool Descending { get; private set; }

    public bool Leaderboard { get; private set; }

    public string Rank { get; private set; } = IndicatorKeys.KpiIndex;

    public string ColumnsQuery => KpiColumns.Query(Columns);

    public async Task OnGetAsync(string? connection, string? period, [FromQuery] string[]? cols, string? sort, string? dir, string? view, string? rank,
        CancellationToken ct)
    {
        Choice = await ConnectionChoice.ChooseAsync(connections, connection, ct);
        Columns = KpiColumns.Parse(cols);
        Leaderboard = view == "leaderboard";
        if (Choice.Chosen is not { } c)
        {
            return;
        }

        var current = MonthPeriod.Containing(time.GetUtcNow(), c.ResolveTimeZone()).ToString();
        Periods = await values.ListPeriodsAsync(c.Id, ct);
        Period = MonthPeriod.TryParse(period, out var p) ? p.ToString() : Periods.Contains(current) || Periods.Count == 0 ? current : Periods[0];
        if (!Periods.Contains(Period))
        {
            Periods = [Period, .. Periods];
        }

        Sort = sort is not null && (sort == KpiBoard.EmployeeKey || Columns.Any(x => x.Key == sort)) ? sort : KpiBoard.EmployeeKey;
        Descending = dir == "desc";
        Rank = rank is not null && (rank == IndicatorKeys.KpiIndex || Columns.Any(x => x.Key == rank)) ? rank : IndicatorKeys.KpiIndex;
        Board = await reader.ReadAsync(c, Period, ct);
    }

    /// <summary>The link a column header sorts by: its own column toggles the direction; a new one starts best-first.</summary>
    public string? SortLink(string key)
    {
        var dir = key == Sort ? (Descending ? "asc" : "desc") : key == KpiBoard.EmployeeKey || IndicatorKeys.LowerIsBetter(key) ? "asc" : "desc";
        return Url.Page("/Kpis/Index", new { connection = Choice.Chosen?.Name, period = Period, cols = ColumnsQuery, sort = key, dir });
    }

    public string? ViewLink(bool leaderboard) =>
        Url.Page("/Kpis/Index", new { connection = Choice.Chosen?.Name, period = Period, cols = ColumnsQuery, view = leaderboard ? "leaderboard" : null, rank = leaderboard ? Rank : null });

    public string? ExplainLink(long employee, string indicator) =>
        Url.Page("/Kpis/Explain", new { connection = Choice.Chosen?.Name, period = Period, employee, indicator });

    public string? EmployeeLink(long employee) => Url.Page("/Kpis/Employee", new { connection = Choice.Chosen?.Name, period = Period, employee });

    public string? ExportLink(string file) => Url.Content($"~/admin/exports/{file}") + QueryString.Create(new Dictionary<string, string?>
    {
        ["connection"] = Choice.Chosen?.Name, ["period"] = Period, ["cols"] = file == "kpis.xlsx" ? ColumnsQuery : null,
    }.Where(kv => kv.Value is not null));
}
