using Npgsql;

namespace KpiSync.Benchmarks;

/// <summary>
/// How far a running sync got, read from the database: <see cref="Sync.ConnectionSynchronizer"/> keeps its counts
/// private until it returns. Each lead read is a row of <c>deals</c>, and each event, call note or task at most one
/// fact keyed <c>event:</c>/<c>note:</c>/<c>task:</c> (lead-derived facts, <c>lead:…</c>, can be several per lead and
/// are left out), so this trails the records read and a stop on it is never early; the exact figure comes from the
/// run's row. Read-only and benchmark-only, hence not in the tables' stores.
/// </summary>
internal sealed class SyncProgressProbe(NpgsqlDataSource dataSource)
{
    private const string CountRecords = """
        select (select count(*) from kpisync.deals where connection_id = @c)
             + (select count(*) from kpisync.funnel_events where connection_id = @c and source_key not like 'lead:%')
        """;

    public async Task<long> RecordsAsync(int connectionId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(CountRecords);
        cmd.Parameters.AddWithValue("c", connectionId);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
