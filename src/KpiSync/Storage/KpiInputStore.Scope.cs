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

    private const string SelectCatalogSize = """
        select count(distinct product) from kpisync.deals where connection_id = @c and not is_deleted and product is not null and product <> ''
        """;

    private const string SelectEarliestFact = FactEmployees + """
        select min(t) from (
            select (select f.occurred_at from kpisync.funnel_events f where f.connection_id = @c and f.employee_id = e.id order by f.occurred_at limit 1)
            from employees e where e.id is not null
            union all
            select min(occurred_at) from kpisync.funnel_events where connection_id = @c and employee_id is null) x(t)
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

    public static Task<DateTimeOffset?> EarliestFactAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct) =>
        conn.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(SelectEarliestFact, new { c }, tx, cancellationToken: ct));
}

/// <summary>What changed since the last recompute: employee-days whose activities changed, deals whose facts (touches
/// included) changed, and employee-months whose plans changed (their facts did not: only the pay is redone).</summary>
internal sealed record DirtySet(IReadOnlyList<(long Employee, DateOnly Day)> Days, long[] Deals, IReadOnlyList<(long Employee, string Period)> Months)
{
    /// <summary>The dirty deals that only had touches inserted on them (migration 0018), with the earliest touch's time.</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> TouchedOnly { get; init; } = new Dictionary<long, DateTimeOffset>();
}
