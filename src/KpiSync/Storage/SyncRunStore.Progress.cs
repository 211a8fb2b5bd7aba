using Dapper;

namespace KpiSync.Storage;

/// <summary>Live progress of running syncs and the run history, for the dashboard.</summary>
internal sealed partial class SyncRunStore
{
    private const string UpdateProgress = """
        update kpisync.sync_runs set pages = @Pages, entities = @Records, pages_estimate = @PagesEstimate, retries = @Retries, progress_at = @at
        where id = @id and status = 'running'
        """;

    private const string UpdateRetries = "update kpisync.sync_runs set retries = @retries where id = @id";

    private const string HistoryColumns = """
        r.id, r.connection_id, c.name as connection, r.kind, r.status, r.started_at, r.finished_at, r.pages, r.pages_estimate,
        r.entities, r.quarantined, r.retries, r.error, r.progress_at
        """;

    private const string SelectHistory = $"""
        select {HistoryColumns} from kpisync.sync_runs r join kpisync.connections c on c.id = r.connection_id
        where (@c::integer is null or r.connection_id = @c) order by r.started_at desc, r.id desc limit @limit
        """;

    private const string SelectLive = $"""
        select {HistoryColumns} from kpisync.sync_runs r join kpisync.connections c on c.id = r.connection_id
        where r.status = 'running' or r.finished_at >= @since or r.id = any(@ids) order by r.started_at desc, r.id desc limit 50
        """;

    private const string SelectLastSuccess = """
        select connection_id, max(finished_at) from kpisync.sync_runs where status = 'succeeded' group by connection_id
        """;

    /// <summary>When each connection's last successful sync finished (the sync lag gauge).</summary>
    public async Task<IReadOnlyDictionary<int, DateTime>> GetLastSuccessAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(int ConnectionId, DateTime FinishedAt)>(new CommandDefinition(SelectLastSuccess, cancellationToken: ct));
        return rows.ToDictionary(r => r.ConnectionId, r => r.FinishedAt);
    }

    public async Task ReportProgressAsync(long id, SyncProgressSnapshot progress, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateProgress,
            new { id, progress.Pages, progress.Records, progress.PagesEstimate, progress.Retries, at = time.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task SetRetriesAsync(long id, int retries)
    {
        await using var conn = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await conn.ExecuteAsync(new CommandDefinition(UpdateRetries, new { id, retries }));
    }

    public async Task<IReadOnlyList<SyncRunHistoryRow>> ListAsync(int? connectionId, int limit, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SyncRunHistoryRow>(new CommandDefinition(SelectHistory, new { c = connectionId, limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>Running runs, runs finished since <paramref name="since"/>, and the runs <paramref name="ids"/> whatever their state.</summary>
    public async Task<IReadOnlyList<SyncRunHistoryRow>> ListLiveAsync(DateTimeOffset since, long[] ids, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SyncRunHistoryRow>(new CommandDefinition(SelectLive, new { since, ids }, cancellationToken: ct))).ToList();
    }
}

/// <summary>What a running sync reports: pages and records so far, the estimated total pages (null until known), retries.</summary>
public sealed record SyncProgressSnapshot(int Pages, int Records, int? PagesEstimate, int Retries);

public sealed record SyncRunHistoryRow(long Id, int ConnectionId, string Connection, string Kind, string Status, DateTime StartedAt, DateTime? FinishedAt,
    int Pages, int? PagesEstimate, int Entities, int Quarantined, int Retries, string? Error, DateTime? ProgressAt);
