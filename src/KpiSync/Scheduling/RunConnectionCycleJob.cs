using KpiSync.Crm;
using Microsoft.Extensions.Options;
using Quartz;

namespace KpiSync.Scheduling;

/// <summary>The recurring per-connection job, also fired once with a full <see cref="Sync.SyncRequest"/> in its trigger's
/// data for a dashboard resync. One job per connection, so Quartz's non-concurrency is per connection; the advisory
/// lock in <see cref="ConnectionCycle"/> also keeps CLI runs and other nodes out.</summary>
[DisallowConcurrentExecution]
internal sealed class RunConnectionCycleJob(ConnectionCycle cycle, IHostApplicationLifetime lifetime, IOptions<SchedulingOptions> options,
    ILogger<RunConnectionCycleJob> logger) : IJob
{
    public const string ConnectionKey = "connection";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(ConnectionKey)
            ?? throw new JobExecutionException($"Job {context.JobDetail.Key} has no '{ConnectionKey}' in its data.");
        // Shutdown is graceful: the sync stops at its next page and commits it (StopBetweenPages); only if that takes
        // more than half the shutdown timeout is its I/O aborted.
        var stopping = lifetime.ApplicationStopping;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onStop = stopping.Register(() => abort.CancelAfter(options.Value.ShutdownTimeout / 2));
        var request = CycleJobData.Read(context.MergedJobDataMap) with { StopBetweenPages = stopping };
        try
        {
            // A resync waits for a cycle that holds the connection; a regular fire just skips it.
            var result = await cycle.RunAsync(name, request, wait: request.Full, abort.Token);
            if (result is null)
            {
                logger.LogInformation("Cycle of {Connection} skipped: another runner holds it", name);
            }
        }
        catch (ConnectionUnavailableException e)
        {
            // Not a failure to retry: nothing is sent to the CRM until an admin authorizes or resumes the connection.
            logger.LogWarning("Cycle of {Connection} skipped: {Reason}", name, e.Message);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            logger.LogInformation("Cycle of {Connection} was stopped by shutdown; the next fire resumes from the committed cursors", name);
            if (request.Full && stopping.IsCancellationRequested)
            {
                await RequeueAsync(context, name);
            }
        }
        catch (Exception e) when (e is not JobExecutionException)
        {
            throw new JobExecutionException($"Cycle of connection '{name}' failed: {e.Message}", e);
        }
    }

    /// <summary>A resync is not resumed by the next regular fire (that one is incremental): hand it back to the cluster,
    /// where another node (or this one after its restart) runs it again.</summary>
    private async Task RequeueAsync(IJobExecutionContext context, string name)
    {
        try
        {
            var trigger = TriggerBuilder.Create().ForJob(context.JobDetail.Key).UsingJobData(context.Trigger.JobDataMap).StartNow().Build();
            await context.Scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), CancellationToken.None);
            logger.LogInformation("Resync of {Connection} handed back to the cluster", name);
        }
        catch (SchedulerException e)
        {
            logger.LogWarning("Resync of {Connection} could not be handed back ({Error}); start it again from the dashboard", name, e.Message);
        }
    }
}
