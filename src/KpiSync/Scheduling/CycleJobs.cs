using Hangfire;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.Storage;
using KpiSync.Sync;
using Microsoft.Extensions.Options;

namespace KpiSync.Scheduling;

/// <summary>
/// What Hangfire runs: one connection's cycle, started by the schedule, a webhook, "Run now" or a resync. Arguments are
/// ids only (a resync's range and streams live in <c>resync_requests</c>); names shown on the dashboard come from
/// <see cref="JobNames"/>. The connection's advisory lock, not Hangfire, keeps its cycles from overlapping on any node.
/// </summary>
/// <remarks>
/// Cancellation: Hangfire's token fires when this node stops (or the job is deleted). The sync then stores and commits
/// the page it holds and the job throws, so Hangfire hands it back to the queue and the next node resumes from the
/// committed cursors; I/O is aborted only if that takes more than half of Scheduling:ShutdownTimeout.
/// </remarks>
internal sealed class CycleJobs(ConnectionCycle cycle, ConnectionStore connections, ResyncRequestStore resyncs, IOptions<SchedulingOptions> options,
    ILogger<CycleJobs> logger)
{
    /// <summary>A scheduled tick: skipped (not queued behind) when the cycle is already running; never retried, since
    /// the next tick is the retry.</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    public Task<CycleOutcome> TickAsync(int connectionId, CancellationToken cancellationToken) =>
        RunAsync(connectionId, SyncRequest.Incremental, CycleLockMode.Skip, cancellationToken);

    /// <summary>The CRM announced changes: run now, or once more right after the running cycle.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], ExceptOn = [typeof(ConnectionUnavailableException), typeof(CrmAuthorizationException)])]
    public Task<CycleOutcome> WebhookAsync(int connectionId, CancellationToken cancellationToken) =>
        RunAsync(connectionId, SyncRequest.Incremental, CycleLockMode.RerunAfter, cancellationToken);

    /// <summary>An admin's "Run now": like a webhook.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], ExceptOn = [typeof(ConnectionUnavailableException), typeof(CrmAuthorizationException)])]
    public Task<CycleOutcome> RunNowAsync(int connectionId, CancellationToken cancellationToken) =>
        RunAsync(connectionId, SyncRequest.Incremental, CycleLockMode.RerunAfter, cancellationToken);

    /// <summary>A resync queued on the dashboard; it waits for a running cycle to end.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], ExceptOn = [typeof(ConnectionUnavailableException), typeof(CrmAuthorizationException)])]
    public async Task<CycleOutcome> ResyncAsync(long resyncId, CancellationToken cancellationToken)
    {
        if (await resyncs.FindAsync(resyncId, cancellationToken) is not { } resync)
        {
            return CycleOutcome.Skip("?", $"resync {resyncId} no longer exists (its connection was removed)");
        }

        var request = new SyncRequest(true, resync.From, resync.To, resync.Streams?.ToHashSet(StringComparer.Ordinal));
        return await RunAsync(resync.ConnectionId, request, CycleLockMode.Wait, cancellationToken);
    }

    private async Task<CycleOutcome> RunAsync(int connectionId, SyncRequest request, CycleLockMode mode, CancellationToken stop)
    {
        if (await connections.FindByIdAsync(connectionId, stop) is not { } connection)
        {
            return CycleOutcome.Skip("?", $"connection {connectionId} no longer exists");
        }

        using var abort = new CancellationTokenSource();
        using var onStop = stop.Register(() => abort.CancelAfter(options.Value.ShutdownTimeout / 2));
        try
        {
            var result = await cycle.RunAsync(connection, request with { StopBetweenPages = stop }, mode, abort.Token);
            if (result is null)
            {
                var why = mode == CycleLockMode.RerunAfter
                    ? "the cycle was running; it runs once more when it ends"
                    : "the cycle was already running";
                logger.LogInformation("Cycle of {Connection} skipped: {Why}", connection.Name, why);
                return CycleOutcome.Skip(connection.Name, why);
            }

            return CycleOutcome.Ran(result);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Thrown on Hangfire's token, so Hangfire re-queues it (a stop) or drops it (a delete).
            logger.LogInformation("Cycle of {Connection} stopped at a page boundary; its job goes back to the queue", connection.Name);
            throw new OperationCanceledException("The node is stopping; the cycle resumes from its committed cursors.", stop);
        }
    }
}
