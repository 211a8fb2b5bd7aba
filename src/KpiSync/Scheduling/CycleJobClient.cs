using Hangfire;
using KpiSync.Crm;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.Scheduling;

/// <summary>Queues the work someone is waiting for — a webhook, "Run now", a resync — in the queue fetched first; any
/// node runs it.</summary>
internal sealed class CycleJobClient(IBackgroundJobClientV2 jobs, ResyncRequestStore resyncs)
{
    public string Webhook(int connectionId) => jobs.Enqueue<CycleJobs>(JobQueues.Immediate, j => j.WebhookAsync(connectionId, CancellationToken.None));

    public string RunNow(int connectionId) => jobs.Enqueue<CycleJobs>(JobQueues.Immediate, j => j.RunNowAsync(connectionId, CancellationToken.None));

    /// <summary>Stores the resync's range and streams, then queues a job that carries the stored row's id.</summary>
    public async Task<string> ResyncAsync(CrmConnection connection, SyncRequest request, string? requestedBy, CancellationToken ct)
    {
        var id = await resyncs.AddAsync(connection.Id, request.From, request.To, request.Streams, requestedBy, ct);
        return jobs.Enqueue<CycleJobs>(JobQueues.Immediate, j => j.ResyncAsync(id, CancellationToken.None));
    }
}
