using KpiSync.Storage;
using Npgsql;
using Prometheus;

namespace KpiSync.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text exposition format (0.0.4): this node's counters and the gauges read
/// from the database at each scrape, which every node reports alike (<see cref="KpiSyncMetrics"/>).
/// </summary>
internal static class MetricsEndpoint
{
    // Scrapes set the gauges, then export: one at a time, so an export never mixes two scrapes' readings.
    private static readonly SemaphoreSlim OneScrape = new(1, 1);

    public static async Task<IResult> WriteAsync(KpiSyncMetrics metrics, ConnectionStore connections, SyncRunStore runs, QuarantineStore quarantine,
        TimeProvider time, CancellationToken ct)
    {
        await OneScrape.WaitAsync(ct);
        try
        {
            await RefreshGaugesAsync(metrics, connections, runs, quarantine, time, ct);
            using var text = new MemoryStream();
            await metrics.Registry.CollectAndExportAsTextAsync(text, ct);
            return Results.Bytes(text.ToArray(), "text/plain; version=0.0.4; charset=utf-8");
        }
        finally
        {
            OneScrape.Release();
        }
    }

    private static async Task RefreshGaugesAsync(KpiSyncMetrics metrics, ConnectionStore connections, SyncRunStore runs, QuarantineStore quarantine,
        TimeProvider time, CancellationToken ct)
    {
        try
        {
            var all = await connections.ListAsync(ct);
            var lastSuccess = await runs.GetLastSuccessAsync(ct);
            var open = await quarantine.CountOpenAsync(ct);
            var now = time.GetUtcNow();
            var names = all.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var c in all)
            {
                if (lastSuccess.TryGetValue(c.Id, out var finished))
                {
                    metrics.SyncLag.WithLabels(c.Name).Set(Math.Round((now - new DateTimeOffset(finished, TimeSpan.Zero)).TotalSeconds, 3));
                }

                metrics.ConnectionActive.WithLabels(c.Name).Set(c.IsActive ? 1 : 0);
                metrics.QuarantineOpen.WithLabels(c.Name).Set(open.GetValueOrDefault(c.Id));
            }

            // A removed (or renamed) connection's series go with it, and a never-synced one has no lag.
            Forget(metrics.SyncLag, v => !names.Contains(v) || !all.Any(c => c.Name == v && lastSuccess.ContainsKey(c.Id)));
            Forget(metrics.ConnectionActive, v => !names.Contains(v));
            Forget(metrics.QuarantineOpen, v => !names.Contains(v));
            metrics.DatabaseUp.Set(1);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Without the database these gauges are unknown, not their last values.
            Forget(metrics.SyncLag, _ => true);
            Forget(metrics.ConnectionActive, _ => true);
            Forget(metrics.QuarantineOpen, _ => true);
            metrics.DatabaseUp.Set(0);
        }
    }

    private static void Forget(Gauge gauge, Func<string, bool> gone)
    {
        foreach (var labels in gauge.GetAllLabelValues().Where(v => gone(v[0])).ToList())
        {
            gauge.RemoveLabelled(labels);
        }
    }
}
