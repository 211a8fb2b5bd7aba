using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>request_budgets</c> table: each call reserves the next free slot of its connection, one
/// 1/rps apart, whichever node it runs on (the row lock serializes reservations).</summary>
internal sealed class RequestBudgetStore(NpgsqlDataSource dataSource)
{
    private const string Reserve = """
        insert into kpisync.request_budgets as b (connection_id, next_slot) values (@c, clock_timestamp() + @spacing)
        on conflict (connection_id) do update set next_slot = greatest(b.next_slot, clock_timestamp()) + @spacing
        returning greatest(extract(epoch from (b.next_slot - @spacing - clock_timestamp())), 0)::float8
        """;

    /// <summary>Reserves a slot; returns how long to wait for it.</summary>
    public async Task<TimeSpan> ReserveAsync(int c, TimeSpan spacing, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // A slot is pacing state, not data: its commit need not wait for the WAL flush, which sat on every request's
        // critical path (a crash that loses a reservation only lets one request go a slot early).
        await SyncCursorStore.RelaxDurabilityAsync(conn, tx, ct);
        var seconds = await conn.ExecuteScalarAsync<double>(new CommandDefinition(Reserve, new { c, spacing }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TimeSpan.FromSeconds(seconds);
    }
}
