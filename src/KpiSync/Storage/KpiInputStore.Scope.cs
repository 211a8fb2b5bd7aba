using Dapper;
using KpiSync.Kpis.Facts;
using Npgsql;

namespace KpiSync.Storage;

internal static partial class KpiInputStore
{
    private const string TakeDirtyMonths = "delete from kpisync.kpi_dirty_months where connection_id = @c returning employee_id, period";
    private const string TakeDirtyDeals = "delete from kpisync.kpi_dirty_deals where connection_id = @c returning deal_id";

    /// <summary>Everyone who was ever responsible for the dirty deals, and the earliest instant those deals speak of.</summary>
    private const string DirtyDealReach = """
        with d as (select unnest(@deals) as id)
        select array(
                 select distinct e from (
                   select responsible_id as e from kpisync.deals where connection_id = @c and crm_id in (select id from d)
                   union all
                   select employee_id from kpisync.funnel_events where connection_id = @c and deal_id in (select id from d) and kind = 'responsible_changed'
                   union all
                   select (payload->>'from')::bigint from kpisync.funnel_events where connection_id = @c and deal_id in (select id from d) and kind = 'responsible_changed'
                 ) x where e is not null) as employees,
               least((select min(created_at) from kpisync.deals where connection_id = @c and crm_id in (select id from d)),
                     (select min(occurred_at) from kpisync.funnel_events where connection_id = @c and deal_id in (select id from d))) as earliest
        """;

    /// <summary>
    /// The deals that can count for the scope's employees from @from on: ever theirs, and created since, still open,
    /// won and not fully paid, or with any fact since (a touch included) — plus every deal of the same clients,
    /// because a win is a new client or a repeat purchase by the client's whole history.
    /// </summary>
    private const string ScopeDeals = """
        with e as (select unnest(@emps) as id),
        ever as (
            select crm_id as deal_id from kpisync.deals where connection_id = @c and (@everyone or responsible_id in (select id from e))
            union
            select deal_id from kpisync.funnel_events
            where not @everyone and connection_id = @c and kind = 'responsible_changed'
              and (employee_id in (select id from e) or (payload->>'from')::bigint in (select id from e))
        ),
        recent as (
            select distinct deal_id from kpisync.funnel_events where connection_id = @c and occurred_at >= @from and deal_id is not null
        ),
        mine as (
            select d.crm_id, d.client_id from kpisync.deals d
            join ever on ever.deal_id = d.crm_id
            left join kpisync.stages s on s.connection_id = d.connection_id and s.pipeline_id = d.pipeline_id and s.crm_id = d.status_id
            where d.connection_id = @c and not d.is_deleted
              and (d.created_at >= @from or coalesce(s.outcome, 'open') = 'open'
                   or (s.outcome = 'won' and coalesce(d.paid_amount, 0) < d.price)
                   or d.crm_id in (select deal_id from recent)))
        select x.crm_id, least(@from, greatest(d.created_at, r.last_handover)) as touches_from
        from (select crm_id from mine
              union
              select d.crm_id from kpisync.deals d
              where d.connection_id = @c and not d.is_deleted and d.client_id in (select client_id from mine where client_id is not null)) x
        join kpisync.deals d on d.connection_id = @c and d.crm_id = x.crm_id
        left join (select deal_id, max(occurred_at) as last_handover from kpisync.funnel_events
                   where connection_id = @c and kind = 'responsible_changed' and occurred_at <= @from group by deal_id) r on r.deal_id = x.crm_id
        """;

    private const string SelectActiveSince = """
        select u.crm_id, coalesce((select min(f.occurred_at) from kpisync.funnel_events f where f.connection_id = @c and f.employee_id = u.crm_id), @now)
        from kpisync.crm_users u where u.connection_id = @c and u.is_active
        """;

    private const string SelectStageInfo = """
        select pipeline_id, crm_id, sort, outcome, phase from kpisync.stages where connection_id = @c
        """;

    private const string SelectCatalogSize = """
        select count(distinct product) from kpisync.deals where connection_id = @c and not is_deleted and product is not null and product <> ''
        """;

    private const string SelectEarliestFact = "select min(occurred_at) from kpisync.funnel_events where connection_id = @c";

    /// <summary>Takes the dirty sets inside the caller's transaction: they come back if the recompute rolls back.</summary>
    public static async Task<DirtySet> TakeDirtyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct)
    {
        var months = await conn.QueryAsync<(long Employee, string Period)>(new CommandDefinition(TakeDirtyMonths, new { c }, tx, cancellationToken: ct));
        var deals = await conn.QueryAsync<long>(new CommandDefinition(TakeDirtyDeals, new { c }, tx, cancellationToken: ct));
        return new DirtySet(months.Distinct().ToList(), deals.Distinct().ToArray());
    }

    public static async Task<(long[] Employees, DateTimeOffset? Earliest)> DirtyDealReachAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long[] deals, CancellationToken ct)
    {
        if (deals.Length == 0)
        {
            return ([], null);
        }

        var row = await conn.QuerySingleAsync<(long[] Employees, DateTimeOffset? Earliest)>(new CommandDefinition(DirtyDealReach, new { c, deals }, tx, cancellationToken: ct, commandTimeout: 0));
        return row;
    }

    /// <summary>The deals that can count for <paramref name="emps"/> from <paramref name="from"/> on (see <see cref="ScopeDeals"/>).</summary>
    public static async Task<ScopeDeals> ScopeDealsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long[] emps, DateTimeOffset from, CancellationToken ct)
    {
        // When the scope holds every employee anyone's deals ever named, "ever theirs" is every deal: skip that search.
        var everyone = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select not exists (
                select responsible_id from kpisync.deals where connection_id = @c and responsible_id is not null and responsible_id <> all(@emps)
                union all
                select crm_id from kpisync.crm_users where connection_id = @c and crm_id <> all(@emps))
            """, new { c, emps }, tx, cancellationToken: ct, commandTimeout: 0));
        var deals = (await conn.QueryAsync<(long Deal, DateTimeOffset TouchesFrom)>(new CommandDefinition(ScopeDeals, new { c, emps, everyone, from = from.ToUniversalTime() }, tx,
            cancellationToken: ct, commandTimeout: 0))).ToList();
        return new ScopeDeals(deals, everyone);
    }

    public static async Task<Dictionary<long, DateTimeOffset>> ActiveEmployeesSinceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, DateTimeOffset now, CancellationToken ct) =>
        (await conn.QueryAsync<(long Id, DateTimeOffset Since)>(new CommandDefinition(SelectActiveSince, new { c, now }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id, r => r.Since);

    public static async Task<Dictionary<(long, long), StageInfo>> StagesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct) =>
        (await conn.QueryAsync<(long Pipeline, long Stage, int Sort, string Outcome, string? Phase)>(new CommandDefinition(SelectStageInfo, new { c }, tx, cancellationToken: ct)))
            .ToDictionary(s => (s.Pipeline, s.Stage), s => new StageInfo(s.Pipeline, s.Stage, s.Sort,
                s.Outcome switch { "won" => StageOutcome.Won, "lost" => StageOutcome.Lost, _ => StageOutcome.Open },
                s.Phase switch { "potential" => StagePhase.Potential, "real" => StagePhase.Real, _ => null }));

    public static Task<int> CatalogSizeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct) =>
        conn.ExecuteScalarAsync<int>(new CommandDefinition(SelectCatalogSize, new { c }, tx, cancellationToken: ct));

    public static Task<DateTimeOffset?> EarliestFactAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct) =>
        conn.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(SelectEarliestFact, new { c }, tx, cancellationToken: ct));
}

/// <summary>The deals a scope needs, each with the instant its touches matter from, and whether the scope's
/// employees are everyone the connection's deals ever named.</summary>
internal sealed record ScopeDeals(IReadOnlyList<(long Deal, DateTimeOffset TouchesFrom)> Deals, bool Everyone);

internal sealed record DirtySet(IReadOnlyList<(long Employee, string Period)> Months, long[] Deals)
{
    public bool IsEmpty => Months.Count == 0 && Deals.Length == 0;
}
