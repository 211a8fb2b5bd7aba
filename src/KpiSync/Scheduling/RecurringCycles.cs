using Dapper;
using Hangfire;
using Hangfire.Storage;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Scheduling;

/// <summary>
/// Keeps Hangfire's recurring jobs in line with the connections: one <c>cycle:&lt;name&gt;</c> per connection whose
/// schedule is not paused, at Scheduling:CycleCron in the connection's time zone; a job whose connection was removed,
/// renamed or paused goes. Runs at start-up, every Scheduling:ReconcileInterval and after a change on the dashboard,
/// on every node, under an advisory lock (concurrent registrations from several nodes conflict in Hangfire's tables).
/// </summary>
internal sealed class RecurringCycles(
    IRecurringJobManagerV2 manager,
    JobStorage storage,
    ConnectionStore connections,
    NpgsqlDataSource dataSource,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    ILogger<RecurringCycles> logger) : BackgroundService
{
    public const string Prefix = "cycle:";

    private const string Lock = "select pg_advisory_lock(hashtext('kpisync:recurring-jobs'))";
    private const string Unlock = "select pg_advisory_unlock(hashtext('kpisync:recurring-jobs'))";

    public static string IdFor(string connection) => Prefix + connection;

    public async Task ReconcileAsync(CancellationToken ct)
    {
        var cron = options.Value.CycleCron;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Lock, cancellationToken: ct));
        try
        {
            var wanted = (await connections.ListScheduledAsync(ct)).ToDictionary(c => IdFor(c.Name));
            using var hangfire = storage.GetConnection();
            var existing = hangfire.GetRecurringJobs().Where(j => j.Id.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(j => j.Id);
            foreach (var (id, connection) in wanted)
            {
                TimeZoneInfo zone;
                try
                {
                    zone = connection.ResolveTimeZone();
                }
                catch (TimeZoneNotFoundException)
                {
                    logger.LogError("Connection {Connection} has time zone {TimeZone}, which this machine does not know; its cycle runs on UTC",
                        connection.Name, connection.TimeZone);
                    zone = TimeZoneInfo.Utc;
                }

                // The queue is the job's own: the recurring job's Queue field is Hangfire's legacy default, never ours.
                if (existing.TryGetValue(id, out var job) && job.Cron == cron && job.TimeZoneId == zone.Id && job.Job?.Queue == JobQueues.Scheduled
                    && job.Job?.Args is [int argument, ..] && argument == connection.Id && job.Error is null)
                {
                    continue;
                }

                manager.AddOrUpdate<CycleJobs>(id, JobQueues.Scheduled, j => j.TickAsync(connection.Id, CancellationToken.None), cron,
                    new RecurringJobOptions { TimeZone = zone, MisfireHandling = MisfireHandlingMode.Relaxed });
                logger.LogInformation("{Action} the cycle of {Connection}: {Cron} ({TimeZone})", job is null ? "Scheduled" : "Re-timed", connection.Name, cron, zone.Id);
            }

            foreach (var id in existing.Keys.Where(id => !wanted.ContainsKey(id)))
            {
                manager.RemoveIfExists(id);
                logger.LogInformation("Removed recurring job {Job}: its connection is gone, renamed or paused", id);
            }
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition(Unlock, cancellationToken: CancellationToken.None));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        do
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not reconcile the recurring jobs; retrying in {Interval}", options.Value.ReconcileInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
