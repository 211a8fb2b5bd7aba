using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace KpiSync.Scheduling;

/// <summary>
/// Keeps one recurring cycle job per connection in Quartz's (clustered) store: adds the job when a connection is new,
/// re-times its trigger when Scheduling:CycleCron changes. Runs at start-up and then every minute, on every node;
/// the store's keys make it idempotent across nodes.
/// </summary>
internal sealed class ConnectionJobRegistrar(
    ISchedulerFactory schedulers,
    ConnectionStore connections,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    ILogger<ConnectionJobRegistrar> logger) : BackgroundService
{
    public const string Group = "connections";

    /// <summary>Set in a trigger's data when an admin changed its schedule on the dashboard: Scheduling:CycleCron no longer re-times it.</summary>
    public const string AdminCronKey = "cron_set_by_admin";

    public static JobKey JobKeyFor(string connection) => new("cycle:" + connection, Group);

    public static TriggerKey TriggerKeyFor(string connection) => new("cycle:" + connection, Group);

    public async Task RegisterAllAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var cron = options.Value.CycleCron;
        foreach (var connection in await connections.ListAsync(ct))
        {
            var jobKey = JobKeyFor(connection.Name);
            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(TriggerKeyFor(connection.Name))
                .ForJob(jobKey)
                .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(connection.ResolveTimeZone()))
                .Build();
            if (!await scheduler.Exists(jobKey, ct))
            {
                var job = JobBuilder.Create<RunConnectionCycleJob>()
                    .WithIdentity(jobKey)
                    .WithDescription($"sync → recompute → push for {connection.Name}")
                    .UsingJobData(RunConnectionCycleJob.ConnectionKey, connection.Name)
                    .RequestRecovery()
                    .Build();
                await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, ct);
                logger.LogInformation("Scheduled the cycle of {Connection} at {Cron}", connection.Name, cron);
            }
            else if (await scheduler.GetTrigger(trigger.Key, ct) is var existing && existing?.JobDataMap.ContainsKey(AdminCronKey) != true
                && (existing is not ICronTrigger { CronExpressionString: var current } || current != cron))
            {
                await scheduler.RescheduleJob(trigger.Key, trigger, ct);
                logger.LogInformation("Re-timed the cycle of {Connection} to {Cron}", connection.Name, cron);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                await RegisterAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not register the connections' jobs; retrying in a minute");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
