using Hangfire;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Admin;

/// <summary>
/// <c>/health</c> for load balancers: the database, Hangfire (this node's server, every live server, the queues) and
/// each connection's health (its status, or "failing" when its last cycle failed) with the reason. 503 when the database does not answer or this node should run jobs and its Hangfire
/// server is not alive; a connection that needs an admin does not make the node unhealthy (another node could not do better).
/// </summary>
internal static class HealthEndpoint
{
    public static async Task<IResult> CheckAsync(NpgsqlDataSource dataSource, JobStorage storage, ConnectionStore connections,
        IOptions<Scheduling.SchedulingOptions> scheduling, TimeProvider time, CancellationToken ct)
    {
        string database;
        Dictionary<string, string> statuses = [];
        Dictionary<string, string> errors = [];
        try
        {
            await using (var conn = await dataSource.OpenConnectionAsync(ct))
            await using (var cmd = new NpgsqlCommand("select 1", conn))
            {
                await cmd.ExecuteScalarAsync(ct);
            }

            database = "ok";
            // The last cycle's outcome, as on the connections page: an active connection whose cycles fail is "failing".
            var failures = await connections.GetCycleFailuresAsync(ct);
            var all = await connections.ListAsync(ct);
            statuses = all.ToDictionary(c => c.Name, c => ConnectionStore.Health(c, failures.GetValueOrDefault(c.Id)));
            errors = all.Where(c => (failures.GetValueOrDefault(c.Id)?.Reason ?? c.StatusReason) is not null)
                .ToDictionary(c => c.Name, c => (failures.GetValueOrDefault(c.Id)?.Reason ?? c.StatusReason)!);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            database = "unavailable: " + e.Message;
        }

        var jobs = JobsHealth(storage, scheduling.Value, time.GetUtcNow().UtcDateTime);
        var healthy = database == "ok" && jobs.Scheduler is "ok" or "disabled";
        return Results.Json(new HealthReport(healthy ? "healthy" : "unhealthy", database, jobs.Scheduler, jobs.Servers, jobs.Queues, statuses, errors),
            AdminJsonContext.Default.HealthReport, statusCode: healthy ? 200 : 503);
    }

    private static (string Scheduler, IReadOnlyList<HealthServer> Servers, IReadOnlyList<HealthQueue> Queues) JobsHealth(
        JobStorage storage, Scheduling.SchedulingOptions scheduling, DateTime now)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers()
                .Select(s => new HealthServer(s.Name, s.WorkersCount, s.Queues.ToList(), s.Heartbeat is { } h ? (int)(now - h).TotalSeconds : null))
                .ToList();
            var queues = monitoring.Queues().Select(q => new HealthQueue(q.Name, q.Length, q.Fetched ?? 0)).ToList();
            // Hangfire names a server "name:pid:guid"; this node's own must be there and have reported within ServerTimeout.
            var self = $"{scheduling.ServerName}:{Environment.ProcessId}:".ToLowerInvariant();
            var alive = servers.Any(s => s.Name.StartsWith(self, StringComparison.OrdinalIgnoreCase)
                && s.HeartbeatSecondsAgo is { } ago && ago <= scheduling.ServerTimeout.TotalSeconds);
            return (!scheduling.Enabled ? "disabled" : alive ? "ok" : "not running", servers, queues);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return ("unavailable: " + e.Message, [], []);
        }
    }
}

internal sealed record HealthReport(string Status, string Database, string Scheduler, IReadOnlyList<HealthServer> Servers, IReadOnlyList<HealthQueue> Queues,
    IReadOnlyDictionary<string, string> Connections, IReadOnlyDictionary<string, string> ConnectionErrors);

internal sealed record HealthServer(string Name, int Workers, IReadOnlyList<string> Queues, int? HeartbeatSecondsAgo);

internal sealed record HealthQueue(string Name, long Enqueued, long Fetched);
