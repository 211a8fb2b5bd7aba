using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>sync_runs</c> table: one row per sync with its counts, timing and outcome.</summary>
internal sealed partial class SyncRunStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    // With no cursor yet an incremental sync reads everything, so it is recorded as what it is: a full one.
    private const string Insert = """
        insert into kpisync.sync_runs (connection_id, kind, status, started_at)
        values (@c, case when not exists (select 1 from kpisync.sync_cursors where connection_id = @c) then 'full' else @kind end, 'running', @at)
        returning id
        """;

    // Runs left 'running' by a process that died. Only called under the connection's cycle lock, so none is alive.
    private const string CloseInterrupted = """
        update kpisync.sync_runs set status = 'failed', finished_at = @at, error = 'interrupted: the process stopped before the run finished'
        where connection_id = @c and status = 'running'
        """;

    private const string Finish = """
        update kpisync.sync_runs set status = @status, finished_at = @at, pages = @Pages, entities = @Entities,
            quarantined = @Quarantined, error = @error
        where id = @id
        """;

    private const string SelectLast = """
        select distinct on (connection_id) connection_id, id, kind, status, started_at, finished_at, pages, entities, quarantined, error
        from kpisync.sync_runs order by connection_id, started_at desc
        """;

    public async Task<long> StartAsync(int c, string kind, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(CloseInterrupted, new { c, at = time.GetUtcNow() }, cancellationToken: ct));
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(Insert, new { c, kind, at = time.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>Records the outcome. Runs on a fresh token so a cancelled sync still gets its row closed.</summary>
    public async Task FinishAsync(long id, string status, SyncCounts counts, string? error)
    {
        await using var conn = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await conn.ExecuteAsync(new CommandDefinition(Finish, new { id, status, at = time.GetUtcNow(), counts.Pages, counts.Entities, counts.Quarantined, error }));
    }

    public async Task<IReadOnlyDictionary<int, SyncRunRow>> GetLastRunsAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<SyncRunRow>(new CommandDefinition(SelectLast, cancellationToken: ct));
        return rows.ToDictionary(r => r.ConnectionId);
    }
}

public sealed record SyncRunRow(int ConnectionId, long Id, string Kind, string Status, DateTime StartedAt, DateTime? FinishedAt,
    int Pages, int Entities, int Quarantined, string? Error);
