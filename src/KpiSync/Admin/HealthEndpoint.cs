using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace KpiSync.Admin;

/// <summary>
/// <c>/health</c> for load balancers: the database, this node's scheduler and each connection's status. 503 when the
/// database does not answer or the scheduler of a node that runs jobs is not running; a connection that needs an
/// admin does not make the node unhealthy (another node could not do better).
/// </summary>
internal static class HealthEndpoint
{
    public static async Task<IResult> CheckAsync(NpgsqlDataSource dataSource, ISchedulerFactory schedulers, ConnectionStore connections,
        IOptions<Scheduling.SchedulingOptions> scheduling, CancellationToken ct)
    {
        string database;
        Dictionary<string, string> statuses = [];
        try
        {
            await using (var conn = await dataSource.OpenConnectionAsync(ct))
            await using (var cmd = new NpgsqlCommand("select 1", conn))
            {
                await cmd.ExecuteScalarAsync(ct);
            }

            database = "ok";
            statuses = (await connections.ListAsync(ct)).ToDictionary(c => c.Name, c => c.Status);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            database = "unavailable: " + e.Message;
        }

        var status = (await schedulers.GetScheduler(ct)).Status;
        var scheduler = status switch
        {
            SchedulerStatus.Running => "ok",
            SchedulerStatus.Created or SchedulerStatus.Standby when !scheduling.Value.Enabled => "disabled",
            _ => status.ToString().ToLowerInvariant(),
        };
        var healthy = database == "ok" && scheduler is "ok" or "disabled";
        return Results.Json(new HealthReport(healthy ? "healthy" : "unhealthy", database, scheduler, statuses), AdminJsonContext.Default.HealthReport,
            statusCode: healthy ? 200 : 503);
    }
}

internal sealed record HealthReport(string Status, string Database, string Scheduler, IReadOnlyDictionary<string, string> Connections);
