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
    /// <summary>Runs the cycle; with <paramref name="wait"/> false it returns null when another runner holds it.</summary>
    public async Task<CycleResult?> RunAsync(string connectionName, SyncRequest request, bool wait, CancellationToken ct)
    {
        var connection = await connections.GetAsync(connectionName, ct);
        return await RunAsync(connection, request, wait ? CycleLockMode.Wait : CycleLockMode.Skip, ct);
    }

    /// <summary>
    /// Runs the cycle as <paramref name="mode"/> says when another runner holds it: null when this call did not run it
    /// (skipped, or left to the runner as one more cycle). The holder runs once more, incrementally, for every rerun
    /// asked of it while it ran, so what changed in the CRM during a cycle is read right after it.
    /// </summary>
    public async Task<CycleResult?> RunAsync(CrmConnection connection, SyncRequest request, CycleLockMode mode, CancellationToken ct)
    {
        if (!connection.IsActive)
        {
            throw new ConnectionUnavailableException(connection.Name, connection.Status, connection.StatusReason);
        }

        await using var held = await AcquireAsync(connection.Id, mode, ct);
        if (held is null)
        {
            return null;
        }

        // Asked before this run began: this run reads it.
        await connections.TakeRerunAsync(connection.Id, ct);
        var result = await RunHeldAsync(connection, request, ct);
        var reruns = 0;
        while (await connections.TakeRerunAsync(connection.Id, ct))
        {
            reruns++;
            logger.LogInformation("Cycle of {Connection} runs once more: changes were announced while it ran", connection.Name);
            result = await RunHeldAsync(result.Connection, SyncRequest.Incremental with { StopBetweenPages = request.StopBetweenPages }, ct);
        }

        return result with { Reruns = reruns };
    }

    private async Task<IAsyncDisposable?> AcquireAsync(int connectionId, CycleLockMode mode, CancellationToken ct)
    {
        if (mode == CycleLockMode.Wait)
        {
            return await locks.AcquireAsync(connectionId, wait: true, ct);
        }

        if (await locks.AcquireAsync(connectionId, wait: false, ct) is { } held)
        {
            return held;
        }

        if (mode == CycleLockMode.Skip)
        {
            return null;
        }

        // The holder may have finished between the first try and the request: then nobody would see the request, so
        // try once more; if the cycle is still held, the holder takes the request when it ends.
        await connections.RequestRerunAsync(connectionId, ct);
        return await locks.AcquireAsync(connectionId, wait: false, ct);
    }

    private async Task<CycleResult> RunHeldAsync(CrmConnection connection, SyncRequest request, CancellationToken ct)
    {
        try
        {
            var counts = await synchronizer.SyncAsync(connection, request, ct);
            // The sync may have learned the account's time zone; the later steps need it.
            connection = await connections.FindByIdAsync(connection.Id, ct) ?? connection;
            var recomputed = await recomputer.RecomputeAsync(connection, request.Full, ct);
            var pushed = await publisher.PushAsync(connection, ct);
            await connections.SetCycleSucceededAsync(connection.Id, ct);
            return new CycleResult(connection, counts, recomputed.Changed, pushed);
        }
        catch (Exception e) when (!(e is OperationCanceledException && (ct.IsCancellationRequested || request.StopBetweenPages.IsCancellationRequested)))
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

/// <summary>What a cycle does when another runner holds the connection.</summary>
public enum CycleLockMode
{
    /// <summary>Returns without running (a scheduled tick: the next tick comes soon).</summary>
    Skip,

    /// <summary>Waits for the lock (a resync, a CLI command).</summary>
    Wait,

    /// <summary>Asks the holder to run once more after its cycle, and returns (a webhook: the change is read right after).</summary>
    RerunAfter,
}

public sealed record CycleResult(CrmConnection Connection, SyncCounts Sync, int KpiValuesChanged, PushResult Push)
{
    /// <summary>Extra cycles run because changes were announced while it ran.</summary>
    public int Reruns { get; init; }
}
