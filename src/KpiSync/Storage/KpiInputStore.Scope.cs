using Dapper;
using KpiSync.Kpis.Facts;
using Npgsql;

namespace KpiSync.Storage;

internal static partial class KpiInputStore
{
    private const string TakeDirtyMonths = "delete from kpisync.kpi_dirty_months where connection_id = @c returning employee_id, period";
    private const string TakeDirtyDays = "delete from kpisync.kpi_dirty_days where connection_id = @c returning employee_id, day";
    private const string TakeDirtyDeals = "delete from kpisync.kpi_dirty_deals where connection_id = @c returning deal_id, touched_from";

    // The employees with facts, one index probe each (a "loose" scan of (connection, employee, time)): queries over
    // all facts by time walk that index employee by employee, since the fact table has no index on time alone (0017).
    private const string FactEmployees = """
        with recursive employees(id) as (
            (select employee_id from kpisync.funnel_events where connection_id = @c and employee_id is not null order by employee_id limit 1)
            union all
            select (select f.employee_id from kpisync.funnel_events f where f.connection_id = @c and f.employee_id > e.id order by f.employee_id limit 1)
            from employees e where e.id is not null
        )
        """;

    /// <summary>
    /// Deals whose running-month part moved with time alone since the last recompute: a payment due date passed (the
    /// receivable turned overdue), or the deal's creation or a fact on it, dated between then and now, became the past
    /// (a deal is replayed up to now).
    /// </summary>
    private const string SelectAgedDeals = FactEmployees + """
        select crm_id from kpisync.deals
        where connection_id = @c and ((payment_due >= @last and payment_due < @now) or (created_at >= @last and created_at < @now))
        union
        select f.deal_id from employees e
        cross join lateral (
            select deal_id from kpisync.funnel_events f
            where f.connection_id = @c and f.employee_id = e.id and f.occurred_at >= @last and f.occurred_at < @now and f.deal_id is not null) f
        where e.id is not null
        union
        select deal_id from kpisync.funnel_events
        where connection_id = @c and employee_id is null and occurred_at >= @last and occurred_at < @now and deal_id is not null
        """;

    private const string SelectActiveSince = """
        select u.crm_id, coalesce((select min(f.occurred_at) from kpisync.funnel_events f where f.connection_id = @c and f.employee_id = u.crm_id), @now)
        from kpisync.crm_users u where u.connection_id = @c and u.is_active
        """;

    private const string SelectStageInfo = """
        select pipeline_id, crm_id, sort, outcome, phase from kpisync.stages where connection_id = @c
        """;

    // A loose scan of the live deals' product index (0020): one probe per distinct product, not a pass over every deal.
    private const string SelectCatalogSize = """
        with recursive products(product) as (
            (select product from kpisync.deals where connection_id = @c and not is_deleted and product is not null and product <> ''
             order by product limit 1)
            union all
            select (select d.product from kpisync.deals d
                    where d.connection_id = @c and not d.is_deleted and d.product is not null and d.product <> '' and d.product > p.product
                    order by d.product limit 1)
            from products p where p.product is not null
        )
        select count(product) from products
        """;

    // Each employee's first fact, and the first of the facts without one: the earliest fact, and when each active
    // employee's cells begin, in one walk of the (connection, employee, time) index.
    private const string SelectFirstFacts = FactEmployees + """
        select e.id, (select f.occurred_at from kpisync.funnel_events f where f.connection_id = @c and f.employee_id = e.id order by f.occurred_at limit 1)
        from employees e where e.id is not null
        union all
        select null, min(occurred_at) from kpisync.funnel_events where connection_id = @c and employee_id is null;
        select crm_id from kpisync.crm_users where connection_id = @c and is_active;
        """;

    /// <summary>Takes the dirty sets inside the caller's transaction: they come back if the recompute rolls back.</summary>
    public static async Task<DirtySet> TakeDirtyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct)
    {
        var days = new List<(long, DateOnly)>();
        await using (var cmd = new NpgsqlCommand(TakeDirtyDays, conn, tx))
        {
            cmd.Parameters.AddWithValue("c", c);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                days.Add((r.GetInt64(0), r.GetFieldValue<DateOnly>(1)));
            }
        }

        var marks = await conn.QueryAsync<(long Deal, DateTimeOffset? TouchedFrom)>(new CommandDefinition(TakeDirtyDeals, new { c }, tx, cancellationToken: ct));
        var months = await conn.QueryAsync<(long Employee, string Period)>(new CommandDefinition(TakeDirtyMonths, new { c }, tx, cancellationToken: ct));
        // A deal was only touched when every mark on it says so; then from the earliest of those touches on.
        var touched = marks.GroupBy(m => m.Deal).Where(g => g.All(m => m.TouchedFrom is not null)).ToDictionary(g => g.Key, g => g.Min(m => m.TouchedFrom!.Value));
        return new DirtySet(days.Distinct().ToList(), marks.Select(m => m.Deal).Distinct().ToArray(), months.Distinct().ToList()) { TouchedOnly = touched };
    }

    public static async Task<long[]> AgedDealsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, DateTimeOffset last, DateTimeOffset now, CancellationToken ct) =>
        (await conn.QueryAsync<long>(new CommandDefinition(SelectAgedDeals, new { c, last = last.ToUniversalTime(), now = now.ToUniversalTime() }, tx,
            cancellationToken: ct, commandTimeout: 0))).ToArray();

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

    /// <summary>
    /// The connection's earliest fact (null without any), and the active employees with their first fact (now for one
    /// without facts), as <see cref="ActiveEmployeesSinceAsync"/> gives them.
    /// </summary>
    public static async Task<(DateTimeOffset? Earliest, Dictionary<long, DateTimeOffset> Active)> FirstFactsAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, int c, DateTimeOffset now, CancellationToken ct)
    {
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(SelectFirstFacts, new { c }, tx, cancellationToken: ct));
        var firsts = (await results.ReadAsync<(long? Employee, DateTimeOffset? First)>()).ToList();
        var active = await results.ReadAsync<long>();
        var byEmployee = firsts.Where(f => f.Employee is not null && f.First is not null).ToDictionary(f => f.Employee!.Value, f => f.First!.Value);
        var earliest = firsts.Where(f => f.First is not null).Select(f => f.First).Min();
        return (earliest, active.ToDictionary(e => e, e => byEmployee.GetValueOrDefault(e, now)));
    }
}

/// <summary>What changed since the last recompute: employee-days whose activities changed, deals whose facts (touches
/// included) changed, and employee-months whose plans changed (their facts did not: only the pay is redone).</summary>
internal sealed record DirtySet(IReadOnlyList<(long Employee, DateOnly Day)> Days, long[] Deals, IReadOnlyList<(long Employee, string Period)> Months)
{
    /// <summary>The dirty deals that only had touches inserted on them (migration 0018), with the earliest touch's time.</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> TouchedOnly { get; init; } = new Dictionary<long, DateTimeOffset>();
}
