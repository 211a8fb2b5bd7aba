using KpiSync.Admin;
using KpiSync.Storage;

namespace KpiSync.Cli.Progress;

/// <summary>
/// The progress of one connection's running sync, read from its run row: the same row, and the same arithmetic
/// (<see cref="RunProgress"/>), as the dashboard's progress bar, so the terminal and the dashboard agree.
/// </summary>
internal sealed class SyncProgressSource(SyncRunStore runs, TimeProvider time, int connectionId, string label)
{
    private readonly DateTimeOffset _since = time.GetUtcNow().AddSeconds(-1);

    public async Task<ProgressReading?> ReadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await runs.ListLiveAsync(_since, [], ct);
        return rows.Where(r => r.ConnectionId == connectionId && r.Status == "running").Select(r => RunProgress.From(r, now))
            .Select(p => new ProgressReading(ProgressLine.Format(label, p), p.Percent)).FirstOrDefault();
    }
}
