using Npgsql;

namespace KpiSync.Sync;

internal sealed partial class ConnectionSynchronizer
{
    private static readonly string[] AllStreams =
        [SyncStreams.Leads.Name, SyncStreams.Events.Name, SyncStreams.Calls.Name, SyncStreams.Tasks.Name, SyncStreams.DeletedLeads.Name,
         InvoiceCatalogReader.StreamName];

    /// <summary>The stream names a resync may choose from (<see cref="SyncRequest.Streams"/>).</summary>
    public static IReadOnlyList<string> StreamNames => AllStreams;

    /// <summary>Writes the run's progress to its row every Sync:ProgressEvery until stopped, and once more at the end.</summary>
    private async Task WriteProgressAsync(long runId, string connection, int retriesAtStart, SyncProgress progress, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.ProgressEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await ReportAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReportAsync(CancellationToken.None);
        }

        async Task ReportAsync(CancellationToken token)
        {
            try
            {
                await runs.ReportProgressAsync(runId, progress.Snapshot(metrics.Retries(connection) - retriesAtStart), token);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // Progress is for the dashboard only; the sync's own writes report a database that is really gone.
                logger.LogWarning("Could not record the progress of sync run {RunId}: {Error}", runId, e.Message);
            }
        }
    }

    private static async Task StopProgressAsync(CancellationTokenSource stop, Task writer)
    {
        await stop.CancelAsync();
        await writer;
    }
}
