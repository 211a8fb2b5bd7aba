using KpiSync.Crm;
using KpiSync.Sync;
using Quartz;

namespace KpiSync.Scheduling;

/// <summary>The recurring per-connection job. One job per connection, so Quartz's non-concurrency is per connection;
/// the advisory lock in <see cref="ConnectionCycle"/> also keeps CLI runs and other nodes out.</summary>
[DisallowConcurrentExecution]
internal sealed class RunConnectionCycleJob(ConnectionCycle cycle, ILogger<RunConnectionCycleJob> logger) : IJob
{
    public const string ConnectionKey = "connection";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(ConnectionKey)
            ?? throw new JobExecutionException($"Job {context.JobDetail.Key} has no '{ConnectionKey}' in its data.");
        try
        {
            var result = await cycle.RunAsync(name, SyncRequest.Incremental, wait: false, cancellationToken);
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Cycle of {Connection} was cancelled by shutdown; the next fire resumes from the committed cursors", name);
        }
        catch (Exception e) when (e is not JobExecutionException)
        {
            throw new JobExecutionException($"Cycle of connection '{name}' failed: {e.Message}", e);
        }
    }
}
