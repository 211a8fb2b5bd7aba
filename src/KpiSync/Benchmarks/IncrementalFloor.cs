using System.Diagnostics;
using Dapper;
using Npgsql;

namespace KpiSync.Benchmarks;

/// <summary>
/// The floor for one day's incremental recompute in <c>bench recompute</c>: the least any recompute must do with the
/// day — read its new facts once (a range of the primary key: the bench's day facts share a key prefix) and write the
/// value rows it changed (as many as the incremental recompute changed, upserted from rows staged in the server, as
/// <c>KpiValueStore</c> merges them). No dirty marks, no stored state, no plans or pay; the write is rolled back, so
/// it pays no commit either. Whatever an incremental recompute does beyond this is its own overhead.
/// </summary>
internal static class IncrementalFloor
{
    private const string ReadDay = """
        select kind, employee_id, deal_id, occurred_at, amount, duration_s, outcome from kpisync.funnel_events
        where connection_id = @c and source_key >= 'today:' and source_key < 'today;'
        """;

    // Untimed: the rows to write, the running month's values changed by one.
    private const string Stage = """
        create temp table floor_stage on commit drop as
        select employee_id, period, indicator, value + 1 as value, low_sample, explanation from kpisync.kpi_values
        where connection_id = @c and period = @period and value is not null
        order by employee_id, indicator limit @rows;
        analyze floor_stage;
        """;

    private const string Write = """
        insert into kpisync.kpi_values as k (connection_id, employee_id, period, indicator, value, low_sample, explanation, computed_at)
        select @c, employee_id, period, indicator, value, low_sample, explanation, now() from floor_stage
        on conflict (connection_id, period, employee_id, indicator) do update set
            value = excluded.value, low_sample = excluded.low_sample, explanation = excluded.explanation, computed_at = excluded.computed_at
        where (k.value, k.low_sample, k.explanation) is distinct from (excluded.value, excluded.low_sample, excluded.explanation)
        """;

    /// <summary>The read of the day's facts and the write of <paramref name="rows"/> value rows of <paramref name="period"/>, timed together.</summary>
    public static async Task<(TimeSpan Elapsed, int Facts, int Written)> RunAsync(NpgsqlConnection conn, int c, string period, int rows, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var facts = (await conn.QueryAsync(new CommandDefinition(ReadDay, new { c }, cancellationToken: ct))).Count();
        var read = Stopwatch.GetElapsedTime(started);

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Stage, new { c, period, rows }, tx, cancellationToken: ct));
        started = Stopwatch.GetTimestamp();
        var written = await conn.ExecuteAsync(new CommandDefinition(Write, new { c }, tx, cancellationToken: ct));
        var write = Stopwatch.GetElapsedTime(started);
        await tx.RollbackAsync(ct);
        return (read + write, facts, written);
    }
}
