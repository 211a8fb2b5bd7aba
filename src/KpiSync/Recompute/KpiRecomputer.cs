using Dapper;
using KpiSync.Crm;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Recompute;

/// <summary>
/// Recomputes a connection's KPIs. Incremental by default: the dirty sets the fact triggers filled name the cells to
/// redo, and the running period is always redone (idle days complete and open deals age with time alone). A full
/// recompute happens on request, the first time, and whenever what values depend on besides facts changed (settings,
/// stages, calendars, schemes, the product catalog). Either way: one transaction, the facts streamed once through
/// <see cref="KpiEngine"/>, the rules in pure C#, and one replacing write that leaves closed periods frozen.
/// </summary>
internal sealed partial class KpiRecomputer(
    NpgsqlDataSource dataSource,
    ReferenceDataStore reference,
    IOptions<KpiOptions> options,
    TimeProvider time,
    ILogger<KpiRecomputer> logger)
{
    public async Task<RecomputeResult> RecomputeAsync(CrmConnection connection, bool full, CancellationToken ct)
    {
        var c = connection.Id;
        var zone = connection.ResolveTimeZone();
        var now = time.GetUtcNow();
        var started = time.GetTimestamp();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtext('kpisync.recompute'), @c)", new { c }, tx, cancellationToken: ct));

        var stages = new StageClock(time);
        var dirty = await KpiInputStore.TakeDirtyAsync(conn, tx, c, ct);
        var inputs = await LoadInputsAsync(conn, tx, c, zone, ct);
        var state = await conn.QuerySingleOrDefaultAsync<(DateTimeOffset LastAt, string Fingerprint)?>(new CommandDefinition(
            "select last_recompute_at, fingerprint from kpisync.kpi_state where connection_id = @c", new { c }, tx, cancellationToken: ct));
        full |= state is null || state.Value.Fingerprint != inputs.Fingerprint;

        var earliest = await KpiInputStore.EarliestFactAsync(conn, tx, c, ct) ?? now;
        var active = await KpiInputStore.ActiveEmployeesSinceAsync(conn, tx, c, now, ct);
        var scope = full ? RecomputeScope.Full : await IncrementalScopeAsync(conn, tx, c, zone, now, earliest, state!.Value.LastAt, dirty, active, ct);
        var grid = PeriodGrid.Months(zone, scope.From is { } f && f > earliest ? f : earliest, now);
        stages.Mark("scope");

        var engine = new KpiEngine(inputs.Context(zone, grid, now, active));
        await FeedAsync(conn, c, scope, keys: false, engine, ct, stages);
        var cells = engine.Complete();
        stages.Mark("complete");

        var book = await SchemeStore.LoadBookAsync(conn, tx, c, ct);
        var closed = await PeriodStore.ClosedAsync(conn, tx, c, ct);
        var inScope = scope.Employees?.ToHashSet();
        var evaluated = KpiEvaluation.Evaluate(cells.Where(x => inScope is null || inScope.Contains(x.Key.EmployeeId)), grid, inputs.Settings, book);
        stages.Mark("evaluate");
        var periods = Enumerable.Range(0, grid.Count).Select(grid.Key).ToArray();
        var writeScope = new WriteScope(scope.Employees, full ? null : periods, [.. closed]);
        var (changed, adjustments) = await KpiValueStore.WriteAsync(conn, tx, c, writeScope, evaluated.Values, now, ct);
        changed += await KpiValueStore.WritePayoutsAsync(conn, tx, c, writeScope, evaluated.Payouts, now, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into kpisync.kpi_state (connection_id, last_recompute_at, fingerprint) values (@c, @now, @fingerprint)
            on conflict (connection_id) do update set last_recompute_at = excluded.last_recompute_at, fingerprint = excluded.fingerprint
            """, new { c, now, fingerprint = inputs.Fingerprint }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        stages.Mark("write");

        var result = new RecomputeResult(full, evaluated.Cells, changed, adjustments, time.GetElapsedTime(started), stages.Stages);
        logger.LogInformation("Recomputed {Connection} ({Mode}): {Cells} employee-periods from {From}, {Changed} rows changed, {Adjustments} adjustments pending, {Seconds:0.00} s ({Stages})",
            connection.Name, full ? "full" : "incremental", result.Cells, grid.Key(0), changed, adjustments, result.Elapsed.TotalSeconds, stages);
        return result;
    }

    /// <summary>
    /// Feeds an engine the scope's facts — the one way recompute, explanations and live weeks/days read them:
    /// activities stream in on <paramref name="conn"/> while the deals load on a second connection, then the deals go
    /// in. Each statement sees what is committed when it starts, as the recompute's own statements do.
    /// </summary>
    internal async Task FeedAsync(NpgsqlConnection conn, int c, RecomputeScope scope, bool keys, KpiEngine engine, CancellationToken ct,
        StageClock? stages = null)
    {
        var deals = LoadDealsAsync();
        await Task.WhenAll(KpiInputStore.FeedActivitiesAsync(conn, c, scope, keys, engine, ct), deals);
        stages?.Mark("activities");
        foreach (var deal in await deals)
        {
            engine.AddDeal(deal);
        }

        stages?.Mark("deals");

        async Task<List<Kpis.Facts.DealRecord>> LoadDealsAsync()
        {
            await using var second = await dataSource.OpenConnectionAsync(ct);
            return await KpiInputStore.LoadDealsAsync(second, c, scope, keys, ct);
        }
    }

    /// <summary>
    /// The employees the dirty facts and deals reach (and every active one, for the running period), from the earliest
    /// period any of them touch: the dirty months, the whole history of the dirty deals, and the period that ended
    /// since the last recompute.
    /// </summary>
    private static async Task<RecomputeScope> IncrementalScopeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, TimeZoneInfo zone,
        DateTimeOffset now, DateTimeOffset earliest, DateTimeOffset lastAt, DirtySet dirty, Dictionary<long, DateTimeOffset> active, CancellationToken ct)
    {
        var (reach, reachEarliest) = await KpiInputStore.DirtyDealReachAsync(conn, tx, c, dirty.Deals, ct);
        var employees = dirty.Months.Select(m => m.Employee).Concat(reach).Concat(active.Keys).Distinct().Order().ToArray();
        var from = MonthPeriod.Containing(lastAt < now ? lastAt : now, zone).Start(zone);
        foreach (var (_, period) in dirty.Months)
        {
            if (MonthPeriod.TryParse(period, out var m) && m.Start(zone) < from)
            {
                from = m.Start(zone);
            }
        }

        if (reachEarliest is { } r && r < from)
        {
            from = MonthPeriod.Containing(r, zone).Start(zone);
        }

        var floor = MonthPeriod.Containing(earliest, zone).Start(zone);
        from = from < floor ? floor : from;
        var deals = await KpiInputStore.ScopeDealsAsync(conn, tx, c, employees, from, ct);
        return RecomputeScope.Of(employees, from, deals, now);
    }
}

internal sealed record RecomputeResult(bool Full, int Cells, int Changed, int Adjustments, TimeSpan Elapsed, IReadOnlyList<(string Stage, TimeSpan Took)> Stages);
