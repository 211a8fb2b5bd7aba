using KpiSync.Metrics;
using KpiSync.Storage;
using Npgsql;
using Quartz;

namespace KpiSync.Scheduling;

/// <summary>Records every job execution in <c>job_runs</c> (which node, recovered or not, outcome) and in the metrics.</summary>
internal sealed class JobOutcomeListener(JobRunStore store, KpiSyncMetrics metrics, ILogger<JobOutcomeListener> logger) : IJobListener
{
    public string Name => "kpisync.job-outcomes";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var key = context.JobDetail.Key;
        await RecordAsync(() => store.StartAsync(new JobRunStart(key.Group, key.Name, context.Trigger.Key.Name, context.FireInstanceId,
            context.Scheduler.SchedulerInstanceId, context.Recovering), context.JobDetail.ConcurrentExecutionDisallowed, cancellationToken));
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        metrics.JobFinished(context.JobDetail.Key.ToString(), jobException is not null, context.JobRunTime);
        await RecordAsync(() => store.FinishAsync(context.FireInstanceId, context.Scheduler.SchedulerInstanceId,
            jobException is null ? "succeeded" : "failed", jobException?.Message));
    }

    private async Task RecordAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The history is for the dashboard: a database hiccup here must not stop or fail the job itself.
            logger.LogWarning("Could not record a job execution: {Error}", e.Message);
        }
    }
}
