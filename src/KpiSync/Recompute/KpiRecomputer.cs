using Dapper;
using KpiSync.Crm;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Recompute;

/// <summary>
/// Recomputes a connection's KPIs. A full recompute streams every fact once through <see cref="KpiEngine"/> and stores,
/// besides the values, what each cell is made of: each deal's part, each employee-day's activities, the client wins.
/// An incremental one (the default) redoes only the deals and employee-days the fact triggers marked dirty, and
/// assembles the cells they reach from the stored rest. A full recompute happens on request, the first time,
/// at a new month, and whenever what values depend on besides facts changed (settings, stages, calendars, schemes, the
/// product catalog). Either way: one transaction, the rules in pure C#, and one replacing write that leaves closed
/// periods frozen.
/// </summary>
internal sealed partial class KpiRecomputer(
    NpgsqlDataSource dataSource,
    ReferenceDataStore reference,
    IOptions<KpiOptions> options,
    TimeProvider time,
    Hosting.LogRouting routing,
    RecomputeProgress progress,
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

        var stages = new StageClock(time, stage => progress.Reached(c, stage));
        var dirty = await KpiInputStore.TakeDirtyAsync(conn, tx, c, ct);
        stages.Mark("marks");
        // Deals a deal fact or a changed row dirtied are replayed whole whatever else this recompute finds: their
        // facts (scattered over the year, the slowest read of a day's recompute) load now, beside the reads of the scope.
        var wholeEarly = ReadWholeAsync(c, full ? [] : [.. dirty.Deals.Where(d => !dirty.TouchedOnly.ContainsKey(d)).Order()], ct);
        var inputs = await LoadInputsAsync(conn, tx, c, zone, ct);
        var state = await conn.QuerySingleOrDefaultAsync<StoredState>(new CommandDefinition(
            "select last_recompute_at, fingerprint, parts_version, grid_from, active_since::text from kpisync.kpi_state where connection_id = @c",
            new { c }, tx, cancellationToken: ct));
        var (first, active) = await KpiInputStore.FirstFactsAsync(conn, tx, c, now, ct);
        var earliest = first ?? now;
        var grid = PeriodGrid.Months(zone, earliest, now);
        var activeSince = ActiveSince.Format(active);

        // Parts are stored per month of this grid and per running month: a new month (or an earlier first month, or
        // anything values depend on besides facts) starts over from a full recompute — and so do parts stored in
        // another layout, older or newer (a node not yet upgraded must not move sums it cannot read).
        full |= state is null || state.Fingerprint != inputs.Fingerprint || state.PartsVersion != PartsVersion || state.GridFrom != grid.Key(0)
            || MonthPeriod.Containing(state.LastRecomputeAt, zone) != MonthPeriod.Containing(now, zone);
        stages.Mark("scope");

        var context = inputs.Context(zone, grid, now, active);
        IEnumerable<KeyValuePair<CellKey, EmployeePeriodTotals>> cells;
        WriteScope? exact = null;
        var replayed = (Whole: 0, Tails: 0);
        var rewrittenDeals = 0;
        if (full)
        {
            await wholeEarly.Task;   // read for nothing when it turned out a full recompute (a new month, changed settings)
            // The stored digests and running months load on a connection of their own while the facts stream.
            var digests = LoadDigestsAsync();
            var parts = new KpiPartStore.FullSync(grid);
            var engine = new KpiEngine(context) { CaptureParts = true, PartsSinks = parts.NewSink };
            await FeedAsync(conn, c, RecomputeScope.Full, keys: false, engine, ct, stages, async () => (parts.Stored, parts.StoredRunning) = await digests);
            var complete = engine.Complete();
            cells = complete;
            stages.Mark("complete");
            rewrittenDeals = await parts.WriteAsync(conn, tx, c, ct);
            await KpiPartStore.SyncSumsAsync(conn, tx, c, parts.CompleteSums(complete, engine.ActivityDays()), ct);
            stages.Mark("deal parts");
            await KpiPartStore.SyncDaysAsync(conn, tx, c, engine.ActivityDays(), ct);
            await KpiPartStore.SyncWinsAsync(conn, tx, c, grid, engine.ClientWins, ct);
            stages.Mark("day parts");
        }
        else
        {
            var assembled = await AssembleAsync(conn, tx, c, context, state!, activeSince, dirty, wholeEarly, [.. await PeriodStore.ClosedAsync(conn, tx, c, ct)], stages, ct);
            cells = assembled.Cells;
            exact = new WriteScope(null, null, [], assembled.Keys);
            replayed = assembled.Deals;
        }

        var book = await SchemeStore.LoadBookAsync(conn, tx, c, ct);
        var closed = await PeriodStore.ClosedAsync(conn, tx, c, ct);
        var evaluated = KpiEvaluation.Evaluate(cells, grid, inputs.Settings, book);
        stages.Mark("evaluate");
        var writeScope = (exact ?? new WriteScope(null, null, [])) with { Closed = [.. closed] };
        var (changed, adjustments) = await KpiValueStore.WriteAsync(conn, tx, c, writeScope, evaluated.Values, now, ct);
        stages.Mark("values");
        changed += await KpiValueStore.WritePayoutsAsync(conn, tx, c, writeScope, evaluated.Payouts, now, ct);
        stages.Mark("payouts");
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into kpisync.kpi_state (connection_id, last_recompute_at, fingerprint, parts_version, grid_from, active_since)
            values (@c, @now, @fingerprint, @version, @from, @activeSince::jsonb)
            on conflict (connection_id) do update set last_recompute_at = excluded.last_recompute_at, fingerprint = excluded.fingerprint,
                parts_version = excluded.parts_version, grid_from = excluded.grid_from, active_since = excluded.active_since
            """, new { c, now, fingerprint = inputs.Fingerprint, version = PartsVersion, from = grid.Key(0), activeSince }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        stages.Mark("commit");
        if (rewrittenDeals + changed >= BulkRows)
        {
            await VacuumStoredAsync(conn, ct);
            stages.Mark("vacuum");
        }

        async Task<(Dictionary<long, long>, Dictionary<long, RunningRow>)> LoadDigestsAsync()
        {
            await using var other = await dataSource.OpenConnectionAsync(ct);
            return (await KpiPartStore.DigestsAsync(other, c, ct), await KpiPartStore.RunningRowsAsync(other, c, ct));
        }

        var result = new RecomputeResult(full, evaluated.Cells, changed, adjustments, time.GetElapsedTime(started), stages.Stages) { ReplayedDeals = replayed };
        logger.Log(routing.ResultLevel, "Recomputed {Connection} ({Mode}): {Cells} employee-periods from {From}, {Changed} rows changed, {Adjustments} adjustments pending, {Seconds:0.00} s ({Stages})",
            connection.Name, full ? "full" : "incremental", result.Cells, grid.Key(0), changed, adjustments, result.Elapsed.TotalSeconds, stages);
        return result;
    }

    /// <summary>
    /// Feeds an engine the scope's facts — the one way recompute, explanations and live weeks/days read them:
    /// activities stream in while the deals load on another connection, then the deals go in. All the facts:
    /// the activities are read by one COPY on <paramref name="conn"/> and routed by employee into engine partitions, one
    /// per core, each counting on a thread of its own; the deals load on a connection that imports the snapshot exported
    /// from <paramref name="conn"/>'s transaction, so activities and deals agree with each other and with what the
    /// recompute itself reads, and are replayed on every core. A narrower scope (an explanation: a few deals and one
    /// employee's window) reads on <paramref name="conn"/> alone, each statement seeing what is committed when it starts.
    /// </summary>
    internal async Task FeedAsync(NpgsqlConnection conn, int c, RecomputeScope scope, bool keys, KpiEngine engine, CancellationToken ct,
        StageClock? stages = null, Func<Task>? beforeDeals = null)
    {
        var snapshot = scope.IsFull ? await KpiInputStore.ExportSnapshotAsync(conn, ct) : null;
        var deals = LoadDealsAsync();
        if (snapshot is null)
        {
            await Task.WhenAll(KpiInputStore.FeedActivitiesAsync(conn, c, scope, keys, engine, ct), deals);
        }
        else
        {
            // Task.Run: the drain is synchronous and keeps a thread busy for seconds. It reads on this connection, whose
            // transaction exported the snapshot; the partitions' own threads count the activities.
            var partitions = Enumerable.Range(0, ActivityPartitions).Select(_ => engine.NewActivityPartition()).ToArray();
            await Task.WhenAll(Task.Run(() => KpiInputStore.FeedActivityPartitionsAsync(conn, c, scope, keys, partitions, ct), ct), deals);
            foreach (var partition in partitions)
            {
                engine.AddActivitiesOf(partition);
            }
        }

        stages?.Mark("activities");
        if (beforeDeals is not null)
        {
            await beforeDeals();
        }

        engine.AddDeals(await deals, Threads);

        stages?.Mark("deals");

        async Task<List<Kpis.Facts.DealRecord>> LoadDealsAsync()
        {
            await using var second = await dataSource.OpenConnectionAsync(ct);
            await using var tx = snapshot is null ? null : await KpiInputStore.BeginOnSnapshotAsync(second, snapshot, ct);
            return await KpiInputStore.LoadDealsAsync(second, c, scope, keys, ct);
        }
    }

    /// <summary>
    /// How many engine partitions a whole feed's activities are counted in: one per core, at most four — each is a
    /// thread of its own, beside the COPY's reader and PostgreSQL's backend, so more than cores only add switching.
    /// </summary>
    private static int ActivityPartitions => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Vacuums the tables a recompute stores, with fresh planner statistics, after one that rewrote at least
    /// <see cref="BulkRows"/> deals or values (the first one for a connection writes them all). Autovacuum would, but a
    /// minute later at best, and then in the middle of the next recomputes: meanwhile the next incremental recompute's
    /// probes for a few thousand deals were planned for tables it took to be a fiftieth of their size, and read all
    /// 125 000 tails instead of 7 000 (2.1 s to 1.75 s on the bench); and autovacuum's passes over the 230 000 new rows,
    /// run beside the next full recompute on two cores, slowed it by a third (9.1 s against 6–7 s).
    /// </summary>
    private static async Task VacuumStoredAsync(NpgsqlConnection conn, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("""
            vacuum (analyze) kpisync.kpi_deal_parts, kpisync.kpi_deal_digests, kpisync.kpi_deal_running, kpisync.kpi_activity_days, kpisync.kpi_day_digests,
                kpisync.kpi_cell_sums, kpisync.kpi_client_wins, kpisync.kpi_values, kpisync.kpi_cells
            """, cancellationToken: ct, commandTimeout: 0));

    private const int BulkRows = 10_000;

    /// <summary>How many threads replay the deals: one per core (nothing else runs then; a narrow scope's few deals stay on one).</summary>
    private static int Threads => Environment.ProcessorCount;

    /// <summary>
    /// The layout of the stored parts (migration 0014; 2: with cell sums, 0016; 3: tails with the running month's
    /// touches); values stored under another one start over from a full recompute.
    /// </summary>
    private const int PartsVersion = 3;
}

internal sealed record RecomputeResult(bool Full, int Cells, int Changed, int Adjustments, TimeSpan Elapsed, IReadOnlyList<(string Stage, TimeSpan Took)> Stages)
{
    /// <summary>An incremental recompute's deals: replayed whole, and replayed from their tails (running month only).</summary>
    public (int Whole, int Tails) ReplayedDeals { get; init; }
}
