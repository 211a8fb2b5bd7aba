using Dapper;
using KpiSync.Crm;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>quarantine</c> table: CRM records we could not use, with their raw JSON and the reason.</summary>
internal sealed class QuarantineStore(NpgsqlDataSource dataSource)
{
    private const string Upsert = """
        insert into kpisync.quarantine as q (connection_id, stream, record_key, raw, reason)
        select @c, @stream, * from unnest(@keys, @raws, @reasons)
        on conflict (connection_id, stream, record_key) do update set raw = excluded.raw, reason = excluded.reason, last_seen_at = now(),
            status = case when q.status = 'dismissed' and q.raw = excluded.raw then 'dismissed' else 'open' end
        """;

    private const string Columns = "id, connection_id, stream, record_key, raw, reason, first_seen_at, last_seen_at, status";
    private const string SelectOpen = $"select {Columns} from kpisync.quarantine where connection_id = @c and status = 'open' order by id";
    private const string SelectAll = $"select {Columns} from kpisync.quarantine where connection_id = @c order by id";
    private const string SelectOne = $"select {Columns} from kpisync.quarantine where connection_id = @c and id = @id";
    private const string UpdateStatus = "update kpisync.quarantine set status = @status, last_seen_at = now() where id = @id";
    private const string UpdateReason = "update kpisync.quarantine set raw = @raw, reason = @reason, last_seen_at = now() where id = @id";

    private const string CountOpen = "select connection_id, count(*)::integer from kpisync.quarantine where status = 'open' group by connection_id";

    public async Task<IReadOnlyDictionary<int, int>> CountOpenAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(int ConnectionId, int Count)>(new CommandDefinition(CountOpen, cancellationToken: ct));
        return rows.ToDictionary(r => r.ConnectionId, r => r.Count);
    }

    public static async Task AddAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, string stream, IReadOnlyList<RejectedRecord> rejected, CancellationToken ct)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        var unique = rejected.DistinctBy(r => r.Key).ToList();
        await conn.ExecuteAsync(new CommandDefinition(Upsert, new
        {
            c,
            stream,
            keys = unique.Select(r => r.Key).ToArray(),
            raws = unique.Select(r => r.Raw).ToArray(),
            reasons = unique.Select(r => r.Reason).ToArray(),
        }, tx, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<QuarantineRow>> ListAsync(int c, bool includeClosed, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<QuarantineRow>(new CommandDefinition(includeClosed ? SelectAll : SelectOpen, new { c }, cancellationToken: ct))).ToList();
    }

    public async Task<QuarantineRow?> GetAsync(int c, long id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<QuarantineRow>(new CommandDefinition(SelectOne, new { c, id }, cancellationToken: ct));
    }

    public async Task<bool> DismissAsync(int c, long id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(UpdateStatus + " and connection_id = @c", new { c, id, status = "dismissed" }, cancellationToken: ct)) == 1;
    }

    public async Task UpdateReasonAsync(long id, string raw, string reason, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateReason, new { id, raw, reason }, cancellationToken: ct));
    }

    public static Task SetStatusAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string status, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(UpdateStatus, new { id, status }, tx, cancellationToken: ct));
}

public sealed record QuarantineRow(long Id, int ConnectionId, string Stream, string RecordKey, string Raw, string Reason,
    DateTime FirstSeenAt, DateTime LastSeenAt, string Status);
