using System.Globalization;
using KpiSync.Crm;
using KpiSync.Scheduling;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Connections;

/// <summary>Every connection with its health: status and why, last sync, lag since the last successful one, each stream's
/// cursor, last error; "Run now" and pausing or resuming its schedule.</summary>
internal sealed class IndexModel(ConnectionStore connections, SyncRunStore runs, SyncCursorStore cursors, CycleJobClient jobs, RecurringCycles recurring,
    ILogger<IndexModel> logger, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var last = await runs.GetLastRunsAsync(ct);
        var success = await runs.GetLastSuccessAsync(ct);
        var failures = await connections.GetCycleFailuresAsync(ct);
        var paused = await connections.ListSchedulePausedAsync(ct);
        var rows = new List<Row>();
        foreach (var c in await connections.ListAsync(ct))
        {
            var run = last.GetValueOrDefault(c.Id);
            rows.Add(new Row(c, run, success.TryGetValue(c.Id, out var s) ? s : null, await cursors.GetAllAsync(c.Id, ct),
                run is { Status: "failed" or "cancelled" } ? run.Error : null, failures.GetValueOrDefault(c.Id), paused.Contains(c.Name)));
        }

        Rows = rows;
    }

    public async Task<IActionResult> OnPostResumeAsync(string name, CancellationToken ct)
    {
        var c = await connections.GetAsync(name, ct);
        await connections.SetStatusAsync(c.Id, ConnectionStatus.Active, null);
        TempData["Notice"] = $"'{c.Name}' is active again; its next cycle calls the CRM.";
        return RedirectToPage();
    }

    /// <summary>Queues the connection's cycle in the immediate queue; if it is running, it runs once more after.</summary>
    public async Task<IActionResult> OnPostRunNowAsync(string name, CancellationToken ct)
    {
        var c = await connections.GetAsync(name, ct);
        var job = jobs.RunNow(c.Id);
        logger.LogInformation("{User} queued a cycle of {Connection} (job {Job})", User.Identity?.Name, c.Name, job);
        TempData["Notice"] = $"A cycle of '{c.Name}' is queued (job #{job}); its progress shows below.";
        TempData["Queued"] = true;
        return RedirectToPage("/Runs/Index", new { connection = c.Name });
    }

    /// <summary>Stops (or restarts) the connection's recurring cycle; webhooks, "Run now" and resyncs still run.</summary>
    public async Task<IActionResult> OnPostScheduleAsync(string name, bool pause, CancellationToken ct)
    {
        var c = await connections.GetAsync(name, ct);
        await connections.SetSchedulePausedAsync(c.Id, pause, ct);
        await recurring.ReconcileAsync(ct);
        logger.LogInformation("{User} {Action} the schedule of {Connection}", User.Identity?.Name, pause ? "paused" : "resumed", c.Name);
        TempData["Notice"] = pause ? $"The schedule of '{c.Name}' is paused: no cycle runs on its own until you resume it."
            : $"The schedule of '{c.Name}' runs again.";
        return RedirectToPage();
    }

    public string Lag(Row row) => row.LastSuccess is { } at ? Format(time.GetUtcNow() - new DateTimeOffset(at, TimeSpan.Zero)) : "—";

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Format(TimeSpan t) => t.TotalSeconds < 0 ? "0 s"
        : t.TotalMinutes < 2 ? $"{t.TotalSeconds:0} s"
        : t.TotalHours < 2 ? $"{t.TotalMinutes:0} min"
        : t.TotalDays < 2 ? $"{t.TotalHours:0.#} h"
        : $"{t.TotalDays:0.#} d";

    public sealed record Row(CrmConnection Connection, SyncRunRow? Last, DateTime? LastSuccess, IReadOnlyDictionary<string, long> Cursors, string? LastError,
        ConnectionStore.CycleFailure? CycleFailure, bool SchedulePaused)
    {
        public string Health => ConnectionStore.Health(Connection, CycleFailure);
    }
}
