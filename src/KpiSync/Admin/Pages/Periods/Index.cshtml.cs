using KpiSync.Kpis.Periods;
using KpiSync.Recompute;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Periods;

/// <summary>
/// Close (freeze) or reopen a month, after a confirmation step, exactly as <c>periods close|reopen</c> does
/// (<see cref="PeriodClosing"/>: brought up to date before freezing, recomputed after reopening), audited with the
/// signed-in admin's name. A closed month lists how many values now differ from the facts (pending adjustments).
/// </summary>
internal sealed class IndexModel(ConnectionStore connections, KpiValueStore values, PeriodStore periods, KpiRecomputer recomputer,
    ILogger<IndexModel> logger) : PageModel
{
    public ConnectionChoice Choice { get; private set; } = new([], null);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The action awaiting confirmation: "close" or "reopen" of <see cref="ConfirmPeriod"/>.</summary>
    public string? Confirm { get; private set; }

    public string? ConfirmPeriod { get; private set; }

    public async Task OnGetAsync(string? connection, string? confirm, string? period, CancellationToken ct)
    {
        Choice = await ConnectionChoice.ChooseAsync(connections, connection, ct);
        if (Choice.Chosen is not { } c)
        {
            return;
        }

        var status = (await periods.ListAsync(c.Id, ct)).ToDictionary(p => p.Period, StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var p in (await values.ListPeriodsAsync(c.Id, ct)).Union(status.Keys).OrderDescending(StringComparer.Ordinal))
        {
            var s = status.GetValueOrDefault(p);
            var pending = s?.Status == "closed" ? (await values.GetAdjustmentsAsync(c.Id, p, ct)).Count : 0;
            rows.Add(new Row(p, s, pending));
        }

        Rows = rows;
        if (confirm is "close" or "reopen" && MonthPeriod.TryParse(period, out var m))
        {
            (Confirm, ConfirmPeriod) = (confirm, m.ToString());
        }
    }

    public Task<IActionResult> OnPostCloseAsync(string? connection, string? period, CancellationToken ct) => SetAsync(connection, period, closed: true, ct);

    public Task<IActionResult> OnPostReopenAsync(string? connection, string? period, CancellationToken ct) => SetAsync(connection, period, closed: false, ct);

    private async Task<IActionResult> SetAsync(string? connection, string? period, bool closed, CancellationToken ct)
    {
        var c = connection is null ? null : await connections.FindAsync(connection, ct);
        if (c is null || !MonthPeriod.TryParse(period, out var p))
        {
            return NotFound();
        }

        var actor = User.Identity?.Name ?? "admin";
        var changed = await PeriodClosing.SetAsync(recomputer, periods, c, p.ToString(), closed, actor, ct);
        logger.LogInformation("{User} {Action} period {Period} of {Connection} (changed: {Changed})", actor, closed ? "closed" : "reopened", p, c.Name, changed);
        TempData["Notice"] = changed
            ? $"{p} is {(closed ? "closed: its values and pay are frozen" : "open again and recomputed")}."
            : $"{p} was already {(closed ? "closed" : "open")}.";
        return RedirectToPage(new { connection = c.Name });
    }

    public sealed record Row(string Period, PeriodRow? Status, int PendingAdjustments)
    {
        public bool Closed => Status?.Status == "closed";
    }
}
