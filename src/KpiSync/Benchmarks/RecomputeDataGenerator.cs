using Dapper;
using Npgsql;

namespace KpiSync.Benchmarks;

/// <summary>
/// Fills a fresh database with a year of a sales team's facts, generated inside PostgreSQL (seeded, single worker, so
/// runs are comparable): deals moving through a pipeline with wins, losses, re-assignments and payments, and calls,
/// meetings and tasks in working hours, most of them on the rep's deals. About one fact in eight is a deal fact.
/// </summary>
internal static class RecomputeDataGenerator
{
    private const string Reference = """
        insert into kpisync.crm_users (connection_id, crm_id, name, email, is_active)
        select @c, 1000 + e, 'Rep ' || e, 'rep' || e || '@bench.local', true from generate_series(1, @employees) e;
        insert into kpisync.pipelines (connection_id, crm_id, name, sort, is_main, is_archive) values (@c, 1, 'Sales', 0, true, false);
        insert into kpisync.stages (connection_id, pipeline_id, crm_id, name, sort, outcome, phase) values
            (@c, 1, 10, 'Cold call', 10, 'open', 'potential'), (@c, 1, 20, 'Decision maker', 20, 'open', 'potential'),
            (@c, 1, 30, 'Offer sent', 30, 'open', 'real'), (@c, 1, 40, 'Invoice', 40, 'open', 'real'),
            (@c, 1, 142, 'Won', 10000, 'won', null), (@c, 1, 143, 'Lost', 11000, 'lost', null);
        """;

    private const string Deals = """
        set local max_parallel_workers_per_gather = 0;
        select setseed(0.42);
        create temp table g_deals on commit drop as
        select (e - 1) * @per + k as id, 1000 + e as emp, 1000 + (e % @employees) + 1 as other,
               @start + random() * (@now - @start) as created, round((1000 + random() * 99000)::numeric, 2) as price,
               random() as r_outcome, floor(random() * 4)::int as hops, random() as r_resp, random() as r_pay,
               (random() * 30)::int as close_days, (array['SMB', 'Enterprise', 'Public'])[1 + floor(random() * 3)::int] as segment,
               'Product ' || (1 + floor(random() * 12)::int) as product, 1 + floor(random() * (@per / 2.0))::bigint as client
        from generate_series(1, @employees) e, generate_series(1, @per) k;
        create temp table g_facts on commit drop as
        select 'lead:' || id || ':created' as source_key, 'deal_created' as kind, emp as employee_id, id as deal_id, created as occurred_at,
               price as amount, null::bigint as stage_from, null::bigint as stage_to, null::jsonb as payload
        from g_deals
        union all
        select 'ev:' || id || ':s' || h, 'stage_changed', emp, id, created + h * interval '1 day', null, 10 * h, 10 * (h + 1), null
        from g_deals, generate_series(1, 3) h where h <= hops and created + h * interval '1 day' < @now
        union all
        select 'ev:' || id || ':r', 'responsible_changed', other, id, created + interval '12 hours', null, null, null,
               jsonb_build_object('from', emp, 'to', other)
        from g_deals where r_resp < 0.1 and created + interval '12 hours' < @now
        union all
        select 'ev:' || id || ':c', case when r_outcome < 0.3 then 'deal_won' else 'deal_lost' end, case when r_resp < 0.1 then other else emp end, id,
               created + (hops + close_days) * interval '1 day' + interval '1 hour', price, 10 * (hops + 1), case when r_outcome < 0.3 then 142 else 143 end, null
        from g_deals where r_outcome < 0.8 and created + (hops + close_days) * interval '1 day' + interval '1 hour' < @now
        union all
        select 'pay:' || id, 'payment', case when r_resp < 0.1 then other else emp end, id, created + (hops + close_days + 5) * interval '1 day',
               case when r_pay < 0.5 then price else round(price / 2, 2) end, null, null, null
        from g_deals where r_outcome < 0.3 and r_pay < 0.7 and created + (hops + close_days + 5) * interval '1 day' < @now;
        create index on g_facts (deal_id, kind, occurred_at);
        analyze g_facts;
        insert into kpisync.deals (connection_id, crm_id, name, price, responsible_id, pipeline_id, status_id, created_at, updated_at, closed_at,
                                   labor_cost_s, cost, segment, product, paid_amount, payment_due, client_id)
        select @c, d.id, 'Deal ' || d.id, d.price, case when d.r_resp < 0.1 then d.other else d.emp end, 1,
               coalesce(c.stage_to, s.stage_to, 10), d.created, greatest(d.created, coalesce(c.occurred_at, s.occurred_at, d.created)), c.occurred_at,
               (3600 * (1 + floor(d.r_pay * 10)))::int, round(d.price * 0.3, 2), d.segment, d.product, p.amount,
               c.occurred_at + interval '14 days', d.client
        from g_deals d
        left join g_facts c on c.deal_id = d.id and c.kind in ('deal_won', 'deal_lost')
        left join lateral (select stage_to, occurred_at from g_facts s where s.deal_id = d.id and s.kind = 'stage_changed' order by occurred_at desc limit 1) s on true
        left join g_facts p on p.deal_id = d.id and p.kind = 'payment';
        insert into kpisync.funnel_events (connection_id, source_key, kind, employee_id, deal_id, occurred_at, amount, stage_from, stage_to, payload)
        select @c, source_key, kind, employee_id, deal_id, occurred_at, amount, stage_from, stage_to, payload from g_facts order by occurred_at;
        """;

    /// <summary>
    /// Activities between @from and @to, in working hours of Moscow (06:00–15:00 UTC); 60 % on one of the rep's deals.
    /// Stored in time order, as the syncs of a year bring them: a day's facts lie together in the table, as in a real
    /// store (randomly ordered, reading one day's activities visited a page of the 1 GB table per row).
    /// </summary>
    private const string Activities = """
        set local max_parallel_workers_per_gather = 0;
        select setseed(@seed);
        insert into kpisync.funnel_events (connection_id, source_key, kind, employee_id, deal_id, occurred_at, duration_s, outcome)
        select @c, @prefix || n, case when r < 0.35 then 'call_out' when r < 0.7 then 'call_in' when r < 0.8 then 'meeting' else 'task' end,
               1000 + e, case when rd < 0.6 then (e - 1) * @per + 1 + floor(rd / 0.6 * @per)::bigint end, at,
               case when r < 0.7 then (rd * 600)::int when r < 0.8 then 3600 end,
               case when r < 0.7 then (case when rs < 0.7 then 4 else 3 end) else (case when rs < 0.8 then 1 else 0 end) end
        from (select n, 1 + floor(random() * @employees)::int as e, random() as r, random() as rd, random() as rs,
                     date_trunc('day', @from + random() * (@to - @from)) + interval '6 hours' + random() * interval '9 hours' as at
              from generate_series(1, @count) n) x
        order by at
        """;

    public static async Task<int> CreateConnectionAsync(NpgsqlConnection conn, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            insert into kpisync.connections (name, kind, base_url, time_zone) values ('bench', 'amocrm', 'https://bench.amocrm.ru/', 'Europe/Moscow') returning id
            """, cancellationToken: ct));

    public static async Task FillAsync(NpgsqlConnection conn, int c, int employees, int dealsPerEmployee, long activities,
        DateTimeOffset start, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Reference, new { c, employees }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(Deals, new { c, employees, per = dealsPerEmployee, start, now }, tx, cancellationToken: ct, commandTimeout: 0));
        await AddActivitiesAsync(conn, tx, c, employees, dealsPerEmployee, activities, start, now, "note:", 0.17, ct);
        await tx.CommitAsync(ct);
        foreach (var table in (string[])["funnel_events", "deals"])
        {
            // VACUUM runs alone, outside a transaction and a batch.
            await conn.ExecuteAsync(new CommandDefinition($"vacuum analyze kpisync.{table}", cancellationToken: ct, commandTimeout: 0));
        }
    }

    /// <summary>Adds <paramref name="count"/> activities; returns how many were inserted.</summary>
    public static Task<int> AddActivitiesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int c, int employees, int dealsPerEmployee, long count,
        DateTimeOffset from, DateTimeOffset to, string prefix, double seed, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(Activities, new { c, employees, per = dealsPerEmployee, count, from, to, prefix, seed }, tx,
            cancellationToken: ct, commandTimeout: 0));
}
