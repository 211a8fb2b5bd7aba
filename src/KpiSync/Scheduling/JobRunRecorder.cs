using Hangfire.Server;
using Hangfire.States;
using KpiSync.Metrics;
using KpiSync.Storage;

namespace KpiSync.Scheduling;

/// <summary>
/// The one place every job execution is recorded: a row in <c>job_runs</c> (node, recovery, outcome — skipped,
/// cancelled and requeued included) and the metrics. It also turns a cycle that did not run because the connection
/// was busy into Hangfire's <see cref="SkippedState"/> instead of a success.
/// </summary>
internal sealed class JobRunRecorder(JobRunStore store, JobNames names, KpiSyncMetrics metrics, IHostApplicationLifetime lifetime,
    TimeProvider time, ILogger<JobRunRecorder> logger) : IServerFilter, IElectStateFilter
{
    private const string RowKey = "kpisync.job_run";
    private const string StartedKey = "kpisync.job_started";
    private const string TitleKey = "kpisync.job_title";

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob;
        context.Items[StartedKey] = time.GetTimestamp();
        Record(() =>
        {
            var described = names.Describe(job.Job);
            context.Items[TitleKey] = described.Title;
            context.Items[RowKey] = store.StartAsync(new JobRunStart(job.Job.Queue ?? JobQueues.Scheduled, described.Title, described.Kind, job.Id,
                described.ConnectionId, context.ServerId), CancellationToken.None).GetAwaiter().GetResult();
        });
    }

    public void OnPerformed(PerformedContext context)
    {
        var (status, error) = Outcome(context);
        if (status == "failed")
        {
            // One line with the reason on the console; the exception, with its stack, goes to the error log.
            logger.LogError(context.Exception, "{Job} failed: {Reason}", context.Items.TryGetValue(TitleKey, out var title) ? title : context.BackgroundJob.Id, error);
        }

        var elapsed = context.Items.TryGetValue(StartedKey, out var started) ? time.GetElapsedTime((long)started) : TimeSpan.Zero;
        Record(() =>
        {
            metrics.JobFinished(JobNames.KindOf(context.BackgroundJob.Job), status, elapsed);
            if (context.Items.TryGetValue(RowKey, out var row))
            {
                store.FinishAsync((long)row, status, error).GetAwaiter().GetResult();
            }
        });
    }

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is SucceededState { Result: CycleOutcome { Skipped: true } outcome })
        {
            context.CandidateState = new SkippedState(outcome.Summary, time.GetUtcNow());
        }
    }

    private (string Status, string? Error) Outcome(PerformedContext context)
    {
        var e = context.Exception is JobPerformanceException { InnerException: { } inner } ? inner : context.Exception;
        return e switch
        {
            null when context.Result is CycleOutcome { Skipped: true } skipped => ("skipped", skipped.Summary),
            null => ("succeeded", null),
            OperationCanceledException when lifetime.ApplicationStopping.IsCancellationRequested => ("requeued", "the node stopped; the job went back to the queue"),
            OperationCanceledException => ("cancelled", "the job was deleted or aborted while it ran"),
            _ => ("failed", Hosting.FailureReason.Of(e)),
        };
    }

    private void Record(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The history is for the dashboard: whatever goes wrong here (the database, a name that cannot be looked
            // up) must not stop or fail the job itself.
            logger.LogWarning(e, "Could not record a job execution: {Error}", e.Message);
        }
    }
}
