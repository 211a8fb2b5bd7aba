using System.Globalization;
using KpiSync.Storage;

namespace KpiSync.Admin;

/// <summary><c>GET /admin/runs/progress?ids=1,2</c>: running syncs, those finished in the last minute and the asked-for
/// ones, with pages done of the estimated total, records per second and the ETA. Polled by the runs page.</summary>
internal static class RunsProgressEndpoint
{
    public static async Task<IResult> GetAsync(string? ids, SyncRunStore runs, TimeProvider time, CancellationToken ct)
    {
        var asked = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n > 0).Take(50).ToArray();
        var now = time.GetUtcNow();
        var rows = await runs.ListLiveAsync(now.AddMinutes(-1), asked, ct);
        return Results.Json(new RunsProgress(rows.Select(r => RunProgress.From(r, now)).ToList()), AdminJsonContext.Default.RunsProgress);
    }
}

internal sealed record RunsProgress(IReadOnlyList<RunProgress> Runs);

internal sealed record RunProgress(long Id, string Connection, string Kind, string Status, string StartedAt, double Seconds, int Pages, int? PagesEstimate,
    int Records, int Quarantined, double? Percent, double RecordsPerSecond, double? EtaSeconds, int Retries, string? Error)
{
    public static RunProgress From(SyncRunHistoryRow r, DateTimeOffset now)
    {
        var end = r.Status == "running" ? now : new DateTimeOffset(r.FinishedAt ?? r.ProgressAt ?? r.StartedAt, TimeSpan.Zero);
        var seconds = Math.Max(0.001, (end - new DateTimeOffset(r.StartedAt, TimeSpan.Zero)).TotalSeconds);
        double? percent = r.Status == "succeeded" ? 100
            : r.PagesEstimate is > 0 and var total ? Math.Min(99.9, 100.0 * r.Pages / total) : null;
        double? eta = r.Status == "running" && r.PagesEstimate is > 0 && r.Pages > 0
            ? Math.Max(0, (r.PagesEstimate.Value - r.Pages) * (seconds / r.Pages)) : null;
        return new RunProgress(r.Id, r.Connection, r.Kind, r.Status, r.StartedAt.ToString("u", CultureInfo.InvariantCulture), Math.Round(seconds, 1),
            r.Pages, r.PagesEstimate, r.Entities, r.Quarantined, percent is null ? null : Math.Round(percent.Value, 1), Math.Round(r.Entities / seconds, 1),
            eta is null ? null : Math.Round(eta.Value), r.Retries, r.Error);
    }
}
