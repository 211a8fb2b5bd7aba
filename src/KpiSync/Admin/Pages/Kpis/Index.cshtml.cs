using KpiSync.Admin.Kpis;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Kpis;

/// <summary>A month's KPI table (employees × chosen indicators with plan, fact, index and pay), sortable by any column
/// through plain links, or as a leaderboard ranked by the KPI index or any indicator; a team row below. Each value has a
/// small link to its explanation. A query naming no existing month, connection or column gets 400 and what exists.</summary>
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

    /// <summary>Set when the query names a month, connection or column that does not exist: the page shows only this (HTTP 400).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? connection, string? period, [FromQuery] string[]? cols, string? sort, string? dir, string? view, string? rank,
        CancellationToken ct)
    {
        Choice = await ConnectionChoice.ChooseAsync(connections, connection, ct);
        Columns = KpiColumns.Parse(cols);
        Leaderboard = view == "leaderboard";
        if (!string.IsNullOrEmpty(connection) && !Choice.Names.Contains(connection))
        {
            return Refuse(BadQuery.Connection(connection, Choice.Names));
        }

        if (KpiColumns.Unknown(cols) is [var unknown, ..])
        {
            return Refuse(BadQuery.Unknown("column", unknown, KpiColumns.All.Select(c => c.Key).ToList()));
        }

        if (Choice.Chosen is not { } c)
        {
            return Page();
        }

        var current = MonthPeriod.Containing(time.GetUtcNow(), c.ResolveTimeZone()).ToString();
        Periods = await values.ListPeriodsAsync(c.Id, ct);
        if (!string.IsNullOrEmpty(period) && !MonthPeriod.TryParse(period, out _))
        {
            return Refuse(BadQuery.Month(period, Periods));
        }

        Period = MonthPeriod.TryParse(period, out var p) ? p.ToString() : Periods.Contains(current) || Periods.Count == 0 ? current : Periods[0];
        if (!Periods.Contains(Period))
        {
            Periods = [Period, .. Periods];
        }

        Sort = sort is not null && (sort == KpiBoard.EmployeeKey || Columns.Any(x => x.Key == sort)) ? sort : KpiBoard.EmployeeKey;
        Descending = dir == "desc";
        Rank = rank is not null && (rank == IndicatorKeys.KpiIndex || Columns.Any(x => x.Key == rank)) ? rank : IndicatorKeys.KpiIndex;
        Board = await reader.ReadAsync(c, Period, ct);
        return Page();
    }

    /// <summary>A value as the table shows it: money with the account's currency.</summary>
    public string Show(KpiColumn column, decimal? value) => column.Display(value, Board?.Currency);

    /// <summary>How much of the plan a value meets, as a CSS class the legend explains: met (≥ 100 %), near (≥ 90 %)
    /// or missed; lower-is-better indicators compare the other way round. Null without a plan or a value.</summary>
    public static string? Attainment(KpiColumn column, KpiCell cell)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Value is not { } v || cell.Plan is not { } plan)
        {
            return null;
        }

        var ratio = column.LowerIsBetter ? (v <= 0 ? 1m : plan / v) : plan == 0 ? 1m : v / plan;
        return ratio >= 1 ? "met" : ratio >= 0.9m ? "near" : "missed";
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
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
