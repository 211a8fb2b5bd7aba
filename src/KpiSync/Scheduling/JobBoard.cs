using KpiSync.Storage;
using KpiSync.Sync;
using Quartz;

namespace KpiSync.Scheduling;

/// <summary>What the dashboard's jobs and resync pages do with the clustered scheduler: list every job with its
/// triggers and last outcome, fire now, pause, resume, re-time, and queue a resync. Every change goes through the
/// shared store, so it holds for the whole cluster and a fire runs on exactly one node.</summary>
internal sealed class JobBoard(ISchedulerFactory schedulers, JobRunStore runs, ConnectionJobRegistrar registrar, TimeProvider time)
{
    public async Task<IReadOnlyList<JobView>> ListAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var last = await runs.GetLastAsync(ct);
        var jobs = new List<JobView>();
        foreach (var job in (await scheduler.QueryJobs(new JobQuery { Take = 1000 }, ct)).Items)
        {
            var triggers = new List<TriggerView>();
            foreach (var header in (await scheduler.QueryTriggers(new TriggerQuery { Job = job.Key, Take = 100 }, ct)).Items)
            {
                var t = await scheduler.GetTrigger(header.Key, ct);
                triggers.Add(new TriggerView(header.Key, t is ICronTrigger c ? c.CronExpressionString ?? "" : "once", (t as ICronTrigger)?.TimeZone.Id,
                    header.NextFireTimeUtc, header.PreviousFireTimeUtc, header.State, t?.JobDataMap.ContainsKey(ConnectionJobRegistrar.AdminCronKey) == true));
            }

            jobs.Add(new JobView(job.Key, job.Description, triggers.OrderBy(t => t.Schedule == "once").ThenBy(t => t.Next).ToList(),
                last.GetValueOrDefault((job.Key.Group, job.Key.Name))));
        }

        return jobs;
    }

    public async Task TriggerNowAsync(JobKey key, CancellationToken ct) => await (await SchedulerForAsync(key, ct)).TriggerJob(key, ct);

    public async Task PauseAsync(JobKey key, CancellationToken ct) => await (await SchedulerForAsync(key, ct)).PauseJob(key, ct);

    public async Task ResumeAsync(JobKey key, CancellationToken ct) => await (await SchedulerForAsync(key, ct)).ResumeJob(key, ct);

    /// <summary>Re-times a cron trigger, keeping its time zone; returns what is wrong with <paramref name="cron"/>, or null when done.</summary>
    public async Task<string?> ChangeCronAsync(TriggerKey key, string? cron, CancellationToken ct)
    {
        cron = cron?.Trim();
        if (Explain(cron) is { } wrong)
        {
            return $"'{cron}' is not a valid Quartz cron expression: {wrong}";
        }

        var scheduler = await schedulers.GetScheduler(ct);
        if (await scheduler.GetTrigger(key, ct) is not ICronTrigger current)
        {
            return $"Trigger {key} does not exist or is not a cron trigger.";
        }

        var data = new JobDataMap();
        foreach (var (k, v) in current.JobDataMap)
        {
            data[k] = v;
        }

        data[ConnectionJobRegistrar.AdminCronKey] = "true";
        var trigger = TriggerBuilder.Create(time).WithIdentity(key).ForJob(current.JobKey).UsingJobData(data).WithDescription(current.Description)
            .WithSchedule(CronScheduleBuilder.Create(cron!).InTimeZone(current.TimeZone)).Build();
        var state = await scheduler.GetTriggerState(key, ct);
        await scheduler.RescheduleJob(key, trigger, ct);
        if (state == TriggerState.Paused)
        {
            await scheduler.PauseTrigger(key, ct);
        }

        return null;
    }

    /// <summary>Queues a one-off fire of the connection's cycle job carrying <paramref name="request"/>: it runs on one node,
    /// and Quartz recovers it (same data) if that node dies.</summary>
    public async Task ResyncAsync(string connection, SyncRequest request, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var key = ConnectionJobRegistrar.JobKeyFor(connection);
        if (!await scheduler.Exists(key, ct))
        {
            await registrar.RegisterAllAsync(ct);
        }

        await scheduler.TriggerJob(key, CycleJobData.Write(request), ct);
    }

    private async Task<IScheduler> SchedulerForAsync(JobKey key, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        return await scheduler.Exists(key, ct) ? scheduler : throw new InvalidOperationException($"Job {key} does not exist.");
    }

    /// <summary>What is wrong with <paramref name="cron"/> in Quartz's words, or null when it parses.</summary>
    private static string? Explain(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "it is empty; e.g. 0 0/15 * * * ? (seconds minutes hours day-of-month month day-of-week [year])";
        }

        try
        {
            CronExpression.Parse(cron);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }
}

public sealed record JobView(JobKey Key, string? Description, IReadOnlyList<TriggerView> Triggers, JobRunRow? Last);

public sealed record TriggerView(TriggerKey Key, string Schedule, string? TimeZone, DateTimeOffset? Next, DateTimeOffset? Previous, TriggerState State, bool SetByAdmin);
