using System.Globalization;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Runs;

/// <summary>Sync history (duration, pages, records, retries, errors); running syncs show a live progress bar fed by
/// <c>/admin/runs/progress</c>.</summary>
internal sealed class IndexModel(SyncRunStore runs, ConnectionStore connections, TimeProvider time) : PageModel
{
    public string? Connection { get; private set; }

    public bool Queued { get; private set; }

    public IReadOnlyList<string> Connections { get; private set; } = [];

    public IReadOnlyList<SyncRunHistoryRow> Runs { get; private set; } = [];

    public IReadOnlyDictionary<long, RunProgress> Progress { get; private set; } = new Dictionary<long, RunProgress>();

    public async Task OnGetAsync(string? connection, CancellationToken ct)
    {
        var all = await connections.ListAsync(ct);
        Connections = all.Select(c => c.Name).ToList();
        var chosen = all.FirstOrDefault(c => c.Name == connection);
        Connection = chosen?.Name;
        Runs = await runs.ListAsync(chosen?.Id, 100, ct);
        var now = time.GetUtcNow();
        Progress = Runs.ToDictionary(r => r.Id, r => RunProgress.From(r, now));
        // Just after a resync was queued its run may not have started yet: keep polling until it shows up.
        Queued = TempData.Peek("Notice") is string notice && notice.StartsWith("Resync", StringComparison.Ordinal);
    }

    public static string Detail(RunProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Pages}{(p.PagesEstimate is { } e ? $" / ~{e}" : "")} pages · {p.RecordsPerSecond} records/s")
        + (p.EtaSeconds is { } eta ? " · ETA " + Seconds(eta) : "");

    public static string Seconds(double s) => s < 90 ? $"{Math.Round(s)} s" : s < 5400 ? $"{Math.Round(s / 60)} min" : $"{s / 3600:0.0} h";
}
