using KpiSync.Crm;
using KpiSync.Publishing;
using KpiSync.Recompute;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.Scheduling;

/// <summary>One connection's full cycle: sync → recompute → push, under the connection's cluster-wide lock.</summary>
internal sealed class ConnectionCycle(
    ConnectionLocks locks,
    ConnectionSynchronizer synchronizer,
    KpiRecomputer recomputer,
    KpiPublisher publisher,
    ConnectionStore connections,
    ILogger<ConnectionCycle> logger)
{
    /// <summary>Runs the cycle; with <paramref name="wait"/> false it returns null when another node is already running it.</summary>
    public async Task<CycleResult?> RunAsync(string connectionName, SyncRequest request, bool wait, CancellationToken ct)
    {
        var connection = await connections.GetAsync(connectionName, ct);
        if (!connection.IsActive)
        {
            throw new ConnectionUnavailableException(connection.Name, connection.Status, connection.StatusReason);
        }

        await using var held = await locks.AcquireAsync(connection.Id, wait, ct);
        if (held is null)
        {
            return null;
        }

        try
        {
            var counts = await synchronizer.SyncAsync(connection, request, ct);
            // The sync may have learned the account's time zone; the later steps need it.
            connection = await connections.FindAsync(connectionName, ct) ?? connection;
            var recomputed = await recomputer.RecomputeAsync(connection, request.Full, ct);
            var pushed = await publisher.PushAsync(connection, ct);
            await connections.SetCycleSucceededAsync(connection.Id, ct);
            return new CycleResult(connection, counts, recomputed.Changed, pushed);
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            // Shown as the connection's health until a cycle succeeds; a shutdown is not a failure.
            await RecordFailureAsync(connection, e);
            throw;
        }
    }

    private async Task RecordFailureAsync(CrmConnection connection, Exception failure)
    {
        try
        {
            await connections.SetCycleFailedAsync(connection.Id, Hosting.FailureReason.Of(failure));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // The database may be why the cycle failed: the cycle's own exception is the one to report.
            logger.LogWarning("Could not record the failed cycle of {Connection}: {Error}", connection.Name, e.Message);
        }
    }
}

public sealed record CycleResult(CrmConnection Connection, SyncCounts Sync, int KpiValuesChanged, PushResult Push);
