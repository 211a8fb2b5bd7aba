using System.Diagnostics;
using Dapper;
using Npgsql;

namespace KpiSync.Benchmarks;

/// <summary>
/// The floor for <c>bench recompute</c>: one hand-written, set-based SQL aggregate of the same counts over the same
/// table (calls in, out, seconds and attempts, meetings, wins, losses and revenue by final close, per employee and
/// month in the connection's time zone). This was the walking skeleton's whole recompute.
/// </summary>
internal static class RecomputeFloor
{
    private const string Sql = """
        with final_close as (
            select distinct on (f.deal_id) f.deal_id, f.kind, f.employee_id, f.occurred_at, f.amount
            from kpisync.funnel_events f
            where f.connection_id = @c and f.deal_id is not null and f.kind in ('stage_changed', 'deal_won', 'deal_lost', 'deal_reopened')
              and not exists (select 1 from kpisync.deals d where d.connection_id = @c and d.crm_id = f.deal_id and d.is_deleted)
            order by f.deal_id, f.occurred_at desc, f.source_key desc
        ), facts as (
            select employee_id, occurred_at, kind, duration_s, outcome, null::numeric as amount,
                   kind in ('call_in', 'call_out') and (outcome = 4 or (outcome is null and coalesce(duration_s, 0) > 0)) as answered
            from kpisync.funnel_events
            where connection_id = @c and kind in ('call_in', 'call_out', 'meeting')
            union all
            select employee_id, occurred_at, kind, null, null, amount, false
            from final_close where kind in ('deal_won', 'deal_lost')
        )
        select employee_id,
               to_char(occurred_at at time zone @tz, 'YYYY-MM') as period,
               count(*) filter (where kind = 'call_out' and answered) as calls_out,
               count(*) filter (where kind = 'call_in' and answered) as calls_in,
               coalesce(sum(duration_s) filter (where answered), 0) as call_seconds,
               count(*) filter (where kind in ('call_in', 'call_out')) as calls_attempted,
               count(*) filter (where kind = 'meeting' and outcome = 1) as meetings,
               count(*) filter (where kind = 'deal_won') as deals_won,
               count(*) filter (where kind = 'deal_lost') as deals_lost,
               coalesce(sum(amount) filter (where kind = 'deal_won'), 0) as revenue_won
        from facts
        where employee_id is not null
        group by 1, 2
        """;

    public static async Task<(TimeSpan Elapsed, int Rows)> RunAsync(NpgsqlConnection conn, int c, string timeZone, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = (await conn.QueryAsync(new CommandDefinition(Sql, new { c, tz = timeZone }, cancellationToken: ct, commandTimeout: 0))).Count();
        return (Stopwatch.GetElapsedTime(started), rows);
    }
}
