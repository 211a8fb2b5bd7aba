using Dapper;
using KpiSync.Crm;

namespace KpiSync.Storage;

internal sealed partial class ConnectionStore
{
    private const string SelectById = $"select {Columns} from kpisync.connections where id = @id";
    private const string SelectScheduled = $"select {Columns} from kpisync.connections where not schedule_paused order by name";
    private const string SelectPaused = "select name from kpisync.connections where schedule_paused";
    private const string UpdateSchedulePaused = "update kpisync.connections set schedule_paused = @paused, updated_at = now() where id = @id";
    private const string UpdateRerunRequested = "update kpisync.connections set rerun_requested = true where id = @id";

    // Taken, not read: exactly one holder of the cycle sees a request, so one request gives one more cycle.
    private const string TakeRerun = """
        update kpisync.connections set rerun_requested = false where id = @id and rerun_requested
        returning true
        """;

    public async Task<CrmConnection?> FindByIdAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CrmConnection>(new CommandDefinition(SelectById, new { id }, cancellationToken: ct));
    }

    /// <summary>The connections whose cycle runs on the schedule: every one an admin has not paused.</summary>
    public async Task<IReadOnlyList<CrmConnection>> ListScheduledAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<CrmConnection>(new CommandDefinition(SelectScheduled, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlySet<string>> ListSchedulePausedAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition(SelectPaused, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
    }

    public async Task SetSchedulePausedAsync(int id, bool paused, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateSchedulePaused, new { id, paused }, cancellationToken: ct));
    }

    /// <summary>Asks whoever holds the connection's cycle to run it once more when it is done.</summary>
    public async Task RequestRerunAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateRerunRequested, new { id }, cancellationToken: ct));
    }

    /// <summary>Clears a pending rerun request; true when there was one.</summary>
    public async Task<bool> TakeRerunAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool?>(new CommandDefinition(TakeRerun, new { id }, cancellationToken: ct)) == true;
    }
}
