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

    private const string SelectOpen = """
        select id, connection_id, stream, record_key, raw, reason, first_seen_at, last_seen_at, status
        from kpisync.quarantine where connection_id = @c and status = 'open' order by id
        """;

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

    public async Task<IReadOnlyList<QuarantineRow>> ListOpenAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<QuarantineRow>(new CommandDefinition(SelectOpen, new { c }, cancellationToken: ct))).ToList();
    }
}

public sealed record QuarantineRow(long Id, int ConnectionId, string Stream, string RecordKey, string Raw, string Reason,
    DateTime FirstSeenAt, DateTime LastSeenAt, string Status);
