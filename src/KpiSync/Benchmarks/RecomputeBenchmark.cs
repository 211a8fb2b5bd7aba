using System.Diagnostics;
using System.Globalization;
using Dapper;
using KpiSync.Hosting;
using KpiSync.Recompute;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Benchmarks;

/// <summary>
/// The recompute benchmark (full ≤ 2× the floor; one day ≤ 2 % of full). A fresh database gets a year of a
/// team's facts; then the floor aggregate, a full recompute, and — after one more day of facts arrives through the
/// store, so the triggers mark what it touches — an incremental recompute are timed.
/// </summary>
internal sealed class RecomputeBenchmark(TextWriter output, string serverConnectionString, IReadOnlyDictionary<string, string?> baseOverrides)
{
    public async Task<RecomputeSummary> RunAsync(RecomputeBenchmarkOptions o, CancellationToken ct)
    {
        var databases = new BenchDatabases(serverConnectionString);
        var restored = o.Reuse ? await databases.RestoreAsync(BenchDatabases.Recompute, ct) : null;
        var database = restored ?? await databases.RecreateAsync(BenchDatabases.Recompute, ct);
        var overrides = new Dictionary<string, string?>(baseOverrides) { ["ConnectionStrings:KpiSync"] = database };
        var perEmployee = (int)Math.Max(1, o.Facts / 8 / 5 / o.Employees);   // ~5 facts a deal, one fact in 8 a deal fact
        var activities = o.Facts - (long)o.Employees * perEmployee * 5;
        if (restored is null)
        {
            await GenerateAsync(database, o, perEmployee, activities, o.Reuse, ct);
        }
        else
        {
            await output.WriteLineAsync("Reused the data saved by an earlier run with --reuse (generated and recomputed once).");
        }

        await using var session = await KpiSyncSession.StartAsync(HostMode.Cli, overrides, ct);
        var now = session.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var conn = await session.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        var c = await conn.ExecuteScalarAsync<int>(new CommandDefinition("select id from kpisync.connections where name = 'bench'", cancellationToken: ct));
        var facts = await conn.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from kpisync.funnel_events", cancellationToken: ct));
        var connection = await session.Services.GetRequiredService<ConnectionStore>().GetAsync("bench", ct);
        var recomputer = session.Services.GetRequiredService<KpiRecomputer>();
        var (floor, floorRows) = await RecomputeFloor.RunAsync(conn, c, "Europe/Moscow", ct);   // warms the cache for both
        (floor, floorRows) = await RecomputeFloor.RunAsync(conn, c, "Europe/Moscow", ct);
        await output.WriteLineAsync(I($"Floor (one SQL aggregate of the counts): {floor.TotalSeconds:F2} s, {floorRows:N0} employee-months."));

        // The steady state a `recompute --full` meets on a running system, measured warm like the floor (the first
        // full recompute, which filled the empty value and part tables, ran after generating). Reused data was
        // recomputed by another process: one untimed full recompute here warms this one's code as generating would have.
        if (restored is not null)
        {
            await recomputer.RecomputeAsync(connection, full: true, ct);
        }

        var full = await recomputer.RecomputeAsync(connection, full: true, ct);
        await output.WriteLineAsync(I($"Full recompute: {full.Elapsed.TotalSeconds:F2} s ({full.Changed:N0} rows written): {Stages(full)}."));

        // The incremental path measured warm too: a service runs it every cycle, so its code is compiled and its
        // statements planned. An hour's facts dated before the day, and a few deals closed apart from the day's.
        var warmFacts = await AddWarmUpHourAsync(conn, c, o, perEmployee, activities, now, ct);
        var warm = await recomputer.RecomputeAsync(connection, full: false, ct);
        await output.WriteLineAsync(I($"Warm-up incremental ({warmFacts:N0} new facts, untimed): {warm.Elapsed.TotalSeconds:F2} s."));

        var dayFacts = await AddOneDayAsync(conn, c, o, perEmployee, activities, now, ct);
        var day = await recomputer.RecomputeAsync(connection, full: false, ct);
        await output.WriteLineAsync(I($"Incremental after one day ({dayFacts:N0} new facts): {day.Elapsed.TotalSeconds:F2} s ({day.Cells:N0} employee-periods, {day.Changed:N0} rows written, {day.ReplayedDeals.Whole:N0} deals replayed whole, {day.ReplayedDeals.Tails:N0} from their tails): {Stages(day)}."));
        // The day's floor, measured warm like the other one (its first run reads the day's facts into the cache).
        var running = KpiSync.Kpis.Periods.MonthPeriod.Containing(now, connection.ResolveTimeZone()).ToString();
        await IncrementalFloor.RunAsync(conn, c, running, day.Changed, ct);
        var dayFloor = await IncrementalFloor.RunAsync(conn, c, running, day.Changed, ct);
        await output.WriteLineAsync(I($"Incremental floor (read the day's {dayFloor.Facts:N0} facts, upsert {dayFloor.Written:N0} value rows, no commit): {dayFloor.Elapsed.TotalSeconds:F3} s = {dayFloor.Elapsed / full.Elapsed:P1} of full."));
        // What no design can skip: the floor, and of the timed day the steps any incremental recompute repeats — taking
        // the marks, evaluating the cells, committing. Where this alone nears 2 %, so does the target (see the README).
        var least = dayFloor.Elapsed + Took(day, "marks") + Took(day, "evaluate") + Took(day, "commit");
        await output.WriteLineAsync(I($"Least a day can take (the incremental floor, plus the day's marks, evaluate and commit stages): {least.TotalSeconds:F3} s = {least / full.Elapsed:P1} of full."));
        var history = await OtherHistoriesAsync(conn, c, day.ReplayedDeals.Whole, ct);
        await output.WriteLineAsync(I($"History of {history.Deals:N0} other deals read whole (what replaying the day's closed deals reads first; beside other stages in the timed day): {history.Elapsed.TotalSeconds:F3} s = {history.Elapsed / full.Elapsed:P1} of full."));
        await output.WriteLineAsync(I($"Full / floor = {full.Elapsed / floor:F2} (target ≤ 2); one day / full = {day.Elapsed / full.Elapsed:P1} (target ≤ 2 %)."));
        return new RecomputeSummary(facts, Math.Round(full.Elapsed.TotalSeconds, 3), Math.Round(floor.TotalSeconds, 3), Math.Round(day.Elapsed.TotalSeconds, 3));
    }

    /// <summary>
    /// A year of a team's facts, and the first full recompute over them (it writes every value and part into empty
    /// tables, and warms the JIT); with <paramref name="save"/>, the database is then saved for later runs with --reuse.
    /// </summary>
    private async Task GenerateAsync(string database, RecomputeBenchmarkOptions o, int perEmployee, long activities, bool save, CancellationToken ct)
    {
        var overrides = new Dictionary<string, string?>(baseOverrides) { ["ConnectionStrings:KpiSync"] = database };
        await using (var session = await KpiSyncSession.StartAsync(HostMode.Cli, overrides, ct))
        {
            var now = session.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var dataSource = session.Services.GetRequiredService<NpgsqlDataSource>();
            await using (var conn = await dataSource.OpenConnectionAsync(ct))
            {
                var c = await RecomputeDataGenerator.CreateConnectionAsync(conn, ct);
                var sw = Stopwatch.StartNew();
                await RecomputeDataGenerator.FillAsync(conn, c, o.Employees, perEmployee, activities, now.AddMonths(-o.Months), now.AddDays(-1), ct);
                var facts = await conn.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from kpisync.funnel_events", cancellationToken: ct));
                await output.WriteLineAsync(I($"Generated {facts:N0} facts ({o.Employees} employees, {o.Months} months, {perEmployee} deals each) in {sw.Elapsed.TotalSeconds:F0} s."));
            }

            var connection = await session.Services.GetRequiredService<ConnectionStore>().GetAsync("bench", ct);
            var first = await session.Services.GetRequiredService<KpiRecomputer>().RecomputeAsync(connection, full: true, ct);
            await output.WriteLineAsync(I($"First full recompute (empty value tables, cold): {first.Elapsed.TotalSeconds:F2} s ({first.Cells:N0} employee-periods, {first.Changed:N0} rows written): {Stages(first)}."));
            await CheckpointAsync(dataSource, ct);
            dataSource.Clear();
        }

        if (save)
        {
            await new BenchDatabases(serverConnectionString).SaveAsync(BenchDatabases.Recompute, ct);
        }
    }

    /// <summary>
    /// Writes out what generating left dirty (1.4 GB), as a restored copy starts: otherwise the timed runs share the
    /// disk and the cores with the checkpoint that does it. Needs a superuser or pg_checkpoint (the private cluster's
    /// user is one); elsewhere the timed runs just start without it.
    /// </summary>
    private async Task CheckpointAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await conn.ExecuteAsync(new CommandDefinition("checkpoint", commandType: System.Data.CommandType.Text, cancellationToken: ct, commandTimeout: 0));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await output.WriteLineAsync("(No checkpoint after generating: the bench's database user may not run one.)");
        }
    }

    /// <summary>The last day's activities, and a day's share of deal moves: open deals won or lost today, as a sync would bring them.</summary>
    private static async Task<long> AddOneDayAsync(NpgsqlConnection conn, int c, RecomputeBenchmarkOptions o, int perEmployee, long activities,
        DateTimeOffset now, CancellationToken ct)
    {
        var perDay = Math.Max(1, activities / (o.Months * 30));
        var added = await RecomputeDataGenerator.AddActivitiesAsync(conn, null, c, o.Employees, perEmployee, perDay, now.AddDays(-1), now, "today:", 0.5, ct);
        return added + await conn.ExecuteAsync(new CommandDefinition("""
            insert into kpisync.funnel_events (connection_id, source_key, kind, employee_id, deal_id, occurred_at, amount, stage_from, stage_to)
            select connection_id, 'today:close:' || crm_id, case when crm_id % 3 = 0 then 'deal_won' else 'deal_lost' end, responsible_id, crm_id,
                   @at, price, status_id, case when crm_id % 3 = 0 then 142 else 143 end
            from kpisync.deals where connection_id = @c and status_id not in (142, 143) order by crm_id % 97, crm_id limit @n
            """, new { c, at = now.AddHours(-1), n = Math.Max(1, (long)o.Employees * perEmployee / (o.Months * 30)) }, cancellationToken: ct));
    }

    /// <summary>The hour before the day: a 24th of a day's activities, and ten open deals closed (none of those the day closes).</summary>
    private static async Task<long> AddWarmUpHourAsync(NpgsqlConnection conn, int c, RecomputeBenchmarkOptions o, int perEmployee, long activities,
        DateTimeOffset now, CancellationToken ct)
    {
        var perHour = Math.Max(1, activities / (o.Months * 30) / 24);
        var added = await RecomputeDataGenerator.AddActivitiesAsync(conn, null, c, o.Employees, perEmployee, perHour, now.AddDays(-1).AddHours(-1), now.AddDays(-1), "warm:", 0.25, ct);
        return added + await conn.ExecuteAsync(new CommandDefinition("""
            insert into kpisync.funnel_events (connection_id, source_key, kind, employee_id, deal_id, occurred_at, amount, stage_from, stage_to)
            select connection_id, 'warm:close:' || crm_id, 'deal_won', responsible_id, crm_id, @at, price, status_id, 142
            from kpisync.deals where connection_id = @c and status_id not in (142, 143) and crm_id % 97 = 96 order by crm_id limit 10
            """, new { c, at = now.AddDays(-1).AddMinutes(-30) }, cancellationToken: ct));
    }

    /// <summary>
    /// Reads the whole history of as many deals as the day replayed whole, none of those the day or the warm-up closed
    /// (the recompute just read theirs, so their pages are cached): what replaying the day's closed deals waits for,
    /// timed alone, as the recompute, which reads it beside other stages, cannot show. The closes are found by their
    /// fact keys, one primary-key probe each, without touching the other deals' history before the timed read.
    /// </summary>
    private static async Task<(int Deals, TimeSpan Elapsed)> OtherHistoriesAsync(NpgsqlConnection conn, int c, int count, CancellationToken ct)
    {
        var ids = (await conn.QueryAsync<long>(new CommandDefinition("""
            select d.crm_id from kpisync.deals d where d.connection_id = @c and d.crm_id % 97 = 48
              and not exists (select 1 from kpisync.funnel_events f where f.connection_id = @c
                                and f.source_key in ('today:close:' || d.crm_id, 'warm:close:' || d.crm_id))
            order by d.crm_id limit @count
            """, new { c, count }, cancellationToken: ct))).ToArray();
        var started = Stopwatch.GetTimestamp();
        await KpiInputStore.ReadDealsWholeAsync(conn, c, ids, ct);
        return (ids.Length, Stopwatch.GetElapsedTime(started));
    }

    private static TimeSpan Took(RecomputeResult r, string stage) => r.Stages.Where(s => s.Stage == stage).Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Took);

    private static string Stages(RecomputeResult r) => string.Join(", ", r.Stages.Select(s => I($"{s.Stage} {s.Took.TotalSeconds:F2} s")));

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

internal sealed record RecomputeBenchmarkOptions(int Employees, int Months, long Facts, bool Reuse = false);

public sealed record RecomputeSummary(long Facts, double FullS, double FloorS, double IncrementalDayS);
