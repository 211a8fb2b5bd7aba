using System.Globalization;
using System.Text;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text exposition format (0.0.4): this node's counters
/// (<see cref="KpiSyncMetrics"/>) and gauges read from the database, which every node reports alike.
/// </summary>
internal static class MetricsEndpoint
{
    public static async Task<IResult> WriteAsync(KpiSyncMetrics metrics, ConnectionStore connections, SyncRunStore runs, QuarantineStore quarantine,
        TimeProvider time, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var group in metrics.Snapshot().GroupBy(c => c.Name))
        {
            var (help, label) = KpiSyncMetrics.Descriptions[group.Key];
            Header(text, group.Key, help, "counter");
            foreach (var (name, value, labelValue) in group.Select(c => (c.Name, c.Value, c.Label)))
            {
                Sample(text, name, label, labelValue, value);
            }
        }

        try
        {
            var all = await connections.ListAsync(ct);
            var lastSuccess = await runs.GetLastSuccessAsync(ct);
            var open = await quarantine.CountOpenAsync(ct);
            var now = time.GetUtcNow();
            Header(text, "kpisync_sync_lag_seconds", "Seconds since the connection's last successful sync finished (absent: never synced)", "gauge");
            foreach (var c in all.Where(c => lastSuccess.ContainsKey(c.Id)))
            {
                Sample(text, "kpisync_sync_lag_seconds", "connection", c.Name, Math.Round((now - new DateTimeOffset(lastSuccess[c.Id], TimeSpan.Zero)).TotalSeconds, 3));
            }

            Header(text, "kpisync_connection_active", "1 when the connection is active, 0 when it needs re-authorization or is blocked", "gauge");
            foreach (var c in all)
            {
                Sample(text, "kpisync_connection_active", "connection", c.Name, c.IsActive ? 1 : 0);
            }

            Header(text, "kpisync_quarantine_open", "Quarantined CRM records waiting for an admin", "gauge");
            foreach (var c in all)
            {
                Sample(text, "kpisync_quarantine_open", "connection", c.Name, open.GetValueOrDefault(c.Id));
            }

            Header(text, "kpisync_database_up", "1 when the database answered this scrape", "gauge");
            text.Append("kpisync_database_up 1\n");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Header(text, "kpisync_database_up", "1 when the database answered this scrape", "gauge");
            text.Append("kpisync_database_up 0\n");
        }

        return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string label, string labelValue, double value) =>
        text.Append(name).Append('{').Append(label).Append("=\"").Append(Escape(labelValue)).Append("\"} ")
            .Append(value.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');

    /// <summary>Label values escape backslash, double quote and newline (exposition format).</summary>
    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);
}
