using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>sync_cursors</c> table: one watermark per (connection, stream), advanced in the data's own transaction.</summary>
internal sealed class SyncCursorStore(NpgsqlDataSource dataSource)
{
    private const string Select = "select position from kpisync.sync_cursors where connection_id = @c and stream = @stream";
    private const string SelectAll = "select stream, position from kpisync.sync_cursors where connection_id = @c order by stream";

    private const string Insert = """
        insert into kpisync.sync_cursors (connection_id, stream, position) values (@c, @stream, @next)
        on conflict (connection_id, stream) do nothing
        """;

    private const string Advance = """
        update kpisync.sync_cursors set position = @next, updated_at = now()
        where connection_id = @c and stream = @stream and position = @old
        """;

    // A sync batch commits its rows and its cursor together, so if PostgreSQL itself crashes and loses the last
    // commits, it loses both: the next sync re-reads from the older cursor. Waiting for each WAL flush buys nothing.
    private const string RelaxDurability = "set local synchronous_commit = off";

    public static Task RelaxDurabilityAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(RelaxDurability, transaction: tx, cancellationToken: ct));

    public async Task<long?> GetAsync(int c, string stream, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Select, new { c, stream }, cancellationToken: ct));
    }

    public async Task<IReadOnlyDictionary<string, long>> GetAllAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Stream, long Position)>(new CommandDefinition(SelectAll, new { c }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Stream, r => r.Position);
    }

    /// <summary>Moves the cursor from <paramref name="old"/> to <paramref name="next"/>; exactly one row must move,
    /// otherwise another runner moved it and this transaction must not commit (STYLE rule 22).</summary>
    public static async Task AdvanceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, string stream, long? old, long next, CancellationToken ct)
    {
        var moved = old is null
            ? await conn.ExecuteAsync(new CommandDefinition(Insert, new { c, stream, next }, tx, cancellationToken: ct))
            : await conn.ExecuteAsync(new CommandDefinition(Advance, new { c, stream, old, next }, tx, cancellationToken: ct));
        if (moved != 1)
        {
            throw new InvalidOperationException($"The {stream} cursor of connection {c} was moved by another runner.");
        }
    }
}
