using Dapper;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Storage;

internal sealed partial class FunnelEventStore
{
    /// <summary>
    /// Per employee × month totals in the connection's time zone, in one pass. A deal counts as won or lost by its
    /// final close only: a win that was later re-opened (or turned into a loss) no longer counts (KPI.md).
    /// A deleted deal (a tombstone) no longer counts as won or lost; calls and meetings still count for whoever made them.
    /// Answered call = amoCRM call_status 4, or duration &gt; 0 where the status is missing.
    /// </summary>
    private const string AggregateMonths = """
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

    public async Task<IReadOnlyList<(long EmployeeId, string Period, EmployeePeriodTotals Totals)>> AggregateMonthsAsync(
        int c, string timeZone, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<AggregateRow>(new CommandDefinition(AggregateMonths, new { c, tz = timeZone }, cancellationToken: ct, commandTimeout: 600));
        return rows.Select(r => (r.EmployeeId, r.Period, new EmployeePeriodTotals
        {
            CallsOut = r.CallsOut, CallsIn = r.CallsIn, CallSeconds = r.CallSeconds, CallsAttempted = r.CallsAttempted,
            Meetings = r.Meetings, DealsWon = r.DealsWon, DealsLost = r.DealsLost, RevenueWon = r.RevenueWon,
        })).ToList();
    }

    private sealed record AggregateRow(long EmployeeId, string Period, long CallsOut, long CallsIn, long CallSeconds, long CallsAttempted,
        long Meetings, long DealsWon, long DealsLost, decimal RevenueWon);
}
