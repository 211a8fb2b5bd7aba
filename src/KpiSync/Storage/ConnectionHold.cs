using Npgsql;

namespace KpiSync.Storage;

/// <summary>
/// Facts and deals carry no per-row foreign key to their connection (migration 0015: PostgreSQL checked it row by
/// row, a quarter of a fact's insert cost). Their stores hold the connection row instead, once per write, until the
/// transaction ends: the connection cannot be deleted under the write, and a write for a deleted one fails.
/// They also hold the connection's recompute lock shared: before its first recompute, fact and deal writes mark
/// nothing dirty (migration 0017), which is only safe while that recompute cannot run beside them; and they learn
/// whether that first recompute has happened (a first load appends its facts: <see cref="FunnelEventStore"/>).
/// </summary>
internal static class ConnectionHold
{
    private const string LockRecomputeShared = "select pg_advisory_xact_lock_shared(hashtext('kpisync.recompute'), $1)";
    private const string Hold = """
        select exists (select 1 from kpisync.kpi_state s where s.connection_id = id) from kpisync.connections where id = $1 for key share of connections
        """;

    /// <summary>Holds the connection for the caller's transaction; returns whether its KPIs were ever recomputed.</summary>
    public static async Task<bool> HoldAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct)
    {
        // One round trip; the recompute lock first, as the recompute takes it (exclusively) before anything else.
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands = { Command(LockRecomputeShared, c), Command(Hold, c) },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new StorageException($"connection {c} no longer exists; nothing was stored for it");
        }

        return reader.GetBoolean(0);
    }

    private static NpgsqlBatchCommand Command(string sql, int c) => new(sql) { Parameters = { new NpgsqlParameter<int> { TypedValue = c } } };
}
