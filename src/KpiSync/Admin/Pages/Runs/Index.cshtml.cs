using System.Globalization;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Runs;

/// <summary>Sync history (duration, pages, records, retries, errors); running syncs show a live progress bar fed by
/// <c>/admin/runs/progress</c>. Above it, the job executions that ran the cycles (node, outcome); with <c>?job=</c>
/// (linked from each job's page in Hangfire's dashboard) only that job's executions and the syncs they ran.</summary>
internal sealed class IndexModel(SyncRunStore runs, JobRunStore jobRuns, ConnectionStore connections, TimeProvider time) : PageModel
{
    public string? Connection { get; private set; }

    public string? Job { get; private set; }

    public IReadOnlyList<JobRunRow> Jobs { get; private set; } = [];

    public bool Queued { get; private set; }

    public IReadOnlyList<string> Connections { get; private set; } = [];

    public IReadOnlyList<SyncRunHistoryRow> Runs { get; private set; } = [];

    public IReadOnlyDictionary<long, RunProgress> Progress { get; private set; } = new Dictionary<long, RunProgress>();

    public async Task<IActionResult> OnGetAsync(string? connection, string? job, CancellationToken ct)
    {
        var all = await connections.ListAsync(ct);
        Connections = all.Select(c => c.Name).ToList();
        var chosen = all.FirstOrDefault(c => c.Name == connection);
        if (!string.IsNullOrEmpty(connection) && chosen is null)
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(job))
        {
            Job = job;
            Jobs = await jobRuns.ListByJobAsync(job, ct);
            if (Jobs.Count == 0)
            {
                return NotFound();
            }

            chosen = all.FirstOrDefault(c => Jobs.Any(j => j.ConnectionId == c.Id)) ?? chosen;
        }
        else
        {
            Jobs = await jobRuns.ListRecentAsync(chosen?.Id, 20, ct);
        }

        Connection = chosen?.Name;
        Runs = await runs.ListAsync(chosen?.Id, 100, ct);
        if (Job is not null)
        {
            // The syncs this job ran: its connection's, started while one of its executions was running.
            var until = time.GetUtcNow().UtcDateTime;
            Runs = Runs.Where(r => Jobs.Any(j => r.ConnectionId == j.ConnectionId && r.StartedAt >= j.StartedAt.AddSeconds(-1) && r.StartedAt <= (j.FinishedAt ?? until))).ToList();
        }

        var now = time.GetUtcNow();
        Progress = Runs.ToDictionary(r => r.Id, r => RunProgress.From(r, now));
        // Just after a cycle or resync was queued its run may not have started yet: keep polling until it shows up.
        Queued = TempData["Queued"] is true;
        return Page();
    }

    public static string Detail(RunProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Pages}{(p.PagesEstimate is { } e ? $" / ~{e}" : "")} pages · {p.RecordsPerSecond} records/s")
        + (p.EtaSeconds is { } eta ? " · ETA " + Seconds(eta) : "");

    /// <summary>Green only for a success: a skipped or requeued execution did not run the cycle, so it is not one.</summary>
    public static string StatusClass(string status) => status switch
    {
        "succeeded" => "ok",
        "running" => "",
        "skipped" or "requeued" => "warn",
        _ => "bad",
    };

    public static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    public static string Seconds(double s) => s < 90 ? $"{Math.Round(s)} s" : s < 5400 ? $"{Math.Round(s / 60)} min" : $"{s / 3600:0.0} h";
}
