using System.Globalization;
using System.Text.Json;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Recompute;

internal sealed partial class KpiRecomputer
{
    /// <summary>
    /// An incremental recompute: redoes the dirty deals (their facts or the touches on them changed, or time
    /// moved their running-month part) and the dirty employee-days, stores their new parts, and assembles every cell
    /// whose parts changed or whose plans were imported — plus every running-month cell, stored or due (idle days complete with time alone) and the
    /// cells an employee gains or loses when their first fact or activeness changed — from the stored sums.
    /// </summary>
    private async Task<(Dictionary<CellKey, EmployeePeriodTotals> Cells, List<(long Employee, string Period)> Keys, (int Whole, int Tails) Deals)> AssembleAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int c, KpiEngineContext context, StoredState state, string activeSince, DirtySet dirty,
        WholeRead early, HashSet<string> closed, StageClock stages, CancellationToken ct)
    {
        var grid = context.Grid;
        var touched = new HashSet<(long Employee, string Period)>();
        var aged = await KpiInputStore.AgedDealsAsync(conn, tx, c, state.LastRecomputeAt, context.Now, ct);
        stages.Mark("aged");
        var (whole, tails) = await SplitDealsAsync(conn, tx, c, grid, dirty, aged, ct);
        stages.Mark("split");

        // The two reads run at once, each on connections of its own: whole deals, dirty employee-days. The tails replay
        // once the days are read (their touches are the tails' new ones); the writes go through the recompute's
        // transaction one after another.
        var wholeRead = whole.Length > 0 ? ReplayAsync(context, early, ReadWholeAsync(c, [.. whole.Except(early.Deals)], ct)) : null;
        var daysRead = dirty.Days.Count > 0 ? ComputeDaysAsync(c, context, dirty.Days, ct) : null;
        var changes = new List<PartChange>();
        if (tails.Count > 0)
        {
            var dayTouches = daysRead is null ? [] : (await daysRead).Touches;
            stages.Mark("days read");
            var tailParts = ReplayTails(context, tails, dirty.Days.ToHashSet(), dayTouches);
            stages.Mark("tails replay");
            changes.AddRange(await KpiPartStore.ReplaceRunningAsync(conn, tx, c, grid, tails, tailParts, ct));
        }

        stages.Mark("tails");
        var clientCells = new HashSet<(long Employee, string Period)>();
        if (wholeRead is not null)
        {
            var replay = await wholeRead;
            stages.Mark("deals read");
            changes.AddRange(await KpiPartStore.ReplaceDealsAsync(conn, tx, c, grid, whole, replay.DealParts, ct));
            clientCells = await KpiPartStore.ReplaceWinsAsync(conn, tx, c, grid, whole, replay.ClientWins, ct);
            touched.UnionWith(clientCells);
        }

        touched.UnionWith(changes.Select(x => (x.Employee, x.Period)));
        stages.Mark("deals");
        var dayCells = dirty.Days.Select(k => (k.Employee, MonthKey(k.Day))).ToHashSet();
        if (daysRead is not null)
        {
            var (computed, _) = await daysRead;
            var rows = dirty.Days.Where(computed.ContainsKey).Select(k => KeyValuePair.Create(k, computed[k]));
            await KpiPartStore.ReplaceDaysAsync(conn, tx, c, dirty.Days, rows, ct);
            touched.UnionWith(dayCells);
        }

        stages.Mark("activities");
        touched.UnionWith(dirty.Months);
        var expected = ExpectedCells(context);
        var stored = await KpiValueStore.StoredCellsAsync(conn, tx, c, ct);
        var running = grid.Key(grid.Count - 1);
        touched.UnionWith(context.ActiveEmployeesSince.Keys.Select(e => (e, running)));
        touched.UnionWith(stored.Where(x => x.Period == running));
        // A closed month is never written, so a cell missing from kpi_cells there would be redone on every run.
        touched.UnionWith(expected.Where(x => !stored.Contains(x) && !closed.Contains(x.Period)));
        var changedSince = ActiveSince.Changed(state.ActiveSince, activeSince);
        touched.UnionWith(stored.Concat(expected).Where(x => changedSince.Contains(x.Employee)));

        var index = Enumerable.Range(0, grid.Count).ToDictionary(grid.Key, StringComparer.Ordinal);
        var keys = touched.Where(x => index.ContainsKey(x.Period)).ToList();
        stages.Mark("cells");
        var sums = await MoveSumsAsync(conn, tx, c, keys, changes, ct);
        stages.Mark("sums");
        // Activities and idle time come from the days where days changed or time moved them (the running month); client
        // counts where wins changed. A cell without a stored sum gets both from scratch.
        var fresh = keys.Where(k => !sums.Stored.ContainsKey(k)).ToHashSet();
        var dayKeys = keys.Where(k => k.Period == running || dayCells.Contains(k) || fresh.Contains(k)).ToList();
        var clientKeys = keys.Where(k => clientCells.Contains(k) || fresh.Contains(k)).ToList();
        await SetDaysAsync(conn, tx, c, context, dayKeys, index, sums.Cells, ct);
        stages.Mark("days");
        foreach (var key in clientKeys)
        {
            sums.Cells[key].SetClients(0, 0);
        }

        foreach (var (key, (n, r)) in await KpiPartStore.ClientCountsAsync(conn, tx, c, clientKeys, ct))
        {
            sums.Cells[key].SetClients(n, r);
        }

        stages.Mark("clients");
        var cells = new Dictionary<CellKey, EmployeePeriodTotals>();
        var write = new List<KeyValuePair<(long Employee, string Period), byte[]>>();
        foreach (var key in keys)
        {
            var sum = sums.Cells[key];
            sum.NormalizeScales();
            var body = CellSumCodec.Encode(sum);
            if (!sums.Stored.TryGetValue(key, out var before) || !before.AsSpan().SequenceEqual(body))
            {
                write.Add(KeyValuePair.Create(key, body));
            }

            // A cell exists, as the engine's would, once anything counts in it or its employee is expected there.
            var t = sum.Totals;
            if (sum.Parts > 0 || t.NewClients + t.RepeatPurchases > 0 || sum.Activities > 0 || expected.Contains(key))
            {
                cells[new CellKey(key.Employee, index[key.Period])] = t;
            }
        }

        await KpiPartStore.SaveSumsAsync(conn, tx, c, write, [], ct);
        stages.Mark("assemble");
        return (cells, keys, (whole.Length, tails.Count));
    }

    /// <summary>
    /// Which deals are replayed whole and which from their stored tails: a deal only touched since the last recompute,
    /// by touches dated in the running month, or only aged by time, changes its running-month part alone — when its tail
    /// is stored. Anything else (a deal fact, a changed deal row, a touch dated earlier, an update or a delete) replays it whole.
    /// </summary>
    private static async Task<(long[] Whole, Dictionary<long, StoredTail> Tails)> SplitDealsAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, int c, Kpis.Periods.PeriodGrid grid, DirtySet dirty, long[] aged, CancellationToken ct)
    {
        var monthStart = grid.Start(grid.Count - 1);
        var whole = dirty.Deals.Where(d => !dirty.TouchedOnly.TryGetValue(d, out var from) || from < monthStart).ToHashSet();
        var candidates = dirty.Deals.Concat(aged).Where(d => !whole.Contains(d)).Distinct().ToArray();
        var tails = await KpiPartStore.LoadTailsAsync(conn, tx, c, candidates, grid.Key(grid.Count - 1), ct);
        whole.UnionWith(candidates.Where(d => !tails.ContainsKey(d)));
        return (whole.Order().ToArray(), tails);
    }

    /// <summary>
    /// The running-month parts (and new tails) of deals replayed from their tails: each deal with its anchor touch and
    /// its touches dated in the running month — those kept in its tail where nothing changed on the employee-day since
    /// (every new or changed activity makes its employee-day dirty), and on dirty days those the days' read brought.
    /// </summary>
    private static List<DealParts> ReplayTails(KpiEngineContext context, Dictionary<long, StoredTail> tails,
        HashSet<(long Employee, DateOnly Day)> dirtyDays, List<Kpis.Facts.ActivityFact> dayTouches)
    {
        var running = context.Grid.Count - 1;
        var monthStart = context.Grid.Start(running);
        var ids = tails.Keys.Order().ToArray();
        // On a grid of the running month alone: the deals' earlier months would be swept only to be dropped.
        var engine = new KpiEngine(context with { Grid = Kpis.Periods.PeriodGrid.Months(context.Zone, monthStart, context.Now) }) { CaptureParts = true };
        foreach (var id in ids)
        {
            var tail = tails[id].Tail;
            if (tail.AnchorTouch is { } anchor)
            {
                engine.AddActivity(anchor);
            }

            foreach (var touch in tail.Touches)
            {
                if (!dirtyDays.Contains((touch.EmployeeId, LocalDate(touch.At, context.Zone))))
                {
                    engine.AddActivity(tail.AsActivity(touch));
                }
            }
        }

        foreach (var touch in dayTouches)
        {
            if (touch.At >= monthStart && tails.ContainsKey(touch.DealId!.Value) && dirtyDays.Contains((touch.EmployeeId, LocalDate(touch.At, context.Zone))))
            {
                engine.AddActivity(touch);
            }
        }

        foreach (var id in ids)
        {
            engine.AddDeal(tails[id].Tail.Record);
        }

        return engine.DealParts
            .Select(p => new DealParts(p.DealId, p.Cells.ToDictionary(x => new CellKey(x.Key.EmployeeId, running), x => x.Value)) { Tail = p.Tail })
            .ToList();
    }

    /// <summary>
    /// Reads some deals whole, each once, on a connection of its own (committed facts, as the recompute's own statements
    /// see them). One connection, not two halves at once: beside the day read, three backends on two cores slowed the
    /// read the tails wait for (0.35 s against 0.10 s on the bench) more than the halves gained.
    /// </summary>
    private WholeRead ReadWholeAsync(int c, long[] deals, CancellationToken ct)
    {
        return new WholeRead(deals, deals.Length == 0 ? Task.FromResult<(List<Kpis.Facts.ActivityFact>, List<Kpis.Facts.DealRecord>)>(([], [])) : ReadAsync());

        async Task<(List<Kpis.Facts.ActivityFact>, List<Kpis.Facts.DealRecord>)> ReadAsync()
        {
            await using var own = await dataSource.OpenConnectionAsync(ct);
            return await KpiInputStore.ReadDealsWholeAsync(own, c, deals, ct);
        }
    }

    /// <summary>The dirty deals replayed whole: those read early (dirtied by a deal fact or a changed row) and the rest the split found.</summary>
    private static async Task<KpiEngine> ReplayAsync(KpiEngineContext context, params WholeRead[] reads)
    {
        var replay = new KpiEngine(context) { CaptureParts = true };
        var read = await Task.WhenAll(reads.Select(r => r.Task));
        foreach (var touch in read.SelectMany(r => r.Touches))
        {
            replay.AddActivity(touch);
        }

        foreach (var deal in read.SelectMany(r => r.Deals).OrderBy(d => d.Id))
        {
            replay.AddDeal(deal);
        }

        return replay;
    }

    /// <summary>
    /// The dirty employee-days computed from their activities (and the day before each), on a connection of its own;
    /// with the touches on deals among those activities.
    /// </summary>
    private async Task<(IReadOnlyDictionary<(long Employee, DateOnly Day), ActivityDay> Days, List<Kpis.Facts.ActivityFact> Touches)> ComputeDaysAsync(
        int c, KpiEngineContext context, IReadOnlyList<(long Employee, DateOnly Day)> dirty, CancellationToken ct)
    {
        await using var own = await dataSource.OpenConnectionAsync(ct);
        var days = new KpiEngine(context) { CaptureParts = true };
        var touches = new List<Kpis.Facts.ActivityFact>();
        await KpiInputStore.FeedActivityWindowsAsync(own, c, Windows(dirty, context.Zone), days, touches, ct);
        return (days.ActivityDays(), touches);
    }

    /// <summary>The stored sums of <paramref name="keys"/> (empty where none is stored), moved by the changed parts.</summary>
    private static async Task<(Dictionary<(long Employee, string Period), CellSum> Cells, Dictionary<(long Employee, string Period), byte[]> Stored)> MoveSumsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int c, List<(long Employee, string Period)> keys, List<PartChange> changes, CancellationToken ct)
    {
        var stored = await KpiPartStore.LoadSumsAsync(conn, tx, c, keys, ct);
        var sums = keys.ToDictionary(k => k, k => stored.TryGetValue(k, out var body) ? CellSumCodec.Decode(body) : new CellSum());
        foreach (var change in changes)
        {
            if (!sums.TryGetValue((change.Employee, change.Period), out var sum))
            {
                continue;
            }

            if (change.Before is { } before)
            {
                sum.Subtract(Part(before));
            }

            if (change.After is { } after)
            {
                sum.Add(Part(after));
            }
        }

        return (sums, stored);

        static EmployeePeriodTotals Part(byte[] body)
        {
            var part = new EmployeePeriodTotals();
            KpiPartCodec.AddTo(part, body);
            return part;
        }
    }

    /// <summary>Activities and idle time of each cell from its stored days, as <c>KpiEngine.CompleteIdle</c> counts them.</summary>
    private static async Task SetDaysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, KpiEngineContext context, List<(long Employee, string Period)> keys,
        Dictionary<string, int> index, Dictionary<(long Employee, string Period), CellSum> sums, CancellationToken ct)
    {
        var grid = context.Grid;
        var windows = keys.Select(k => (k.Employee, LocalDate(grid.Start(index[k.Period]), context.Zone), LocalDate(grid.End(index[k.Period]), context.Zone))).ToList();
        var days = (await KpiPartStore.LoadDaysAsync(conn, tx, c, windows, ct))
            .GroupBy(d => (d.Employee, MonthKey(d.Day))).ToDictionary(g => g.Key, g => g.ToDictionary(d => d.Day, d => d.Totals));
        var today = LocalDate(context.Now, context.Zone);
        foreach (var key in keys)
        {
            var mine = days.GetValueOrDefault(key);
            var totals = new EmployeePeriodTotals();
            var activities = 0L;
            foreach (var d in mine?.Values ?? Enumerable.Empty<ActivityDay>())
            {
                activities += d.Activities;
                totals.CallsOut += d.CallsOut;
                totals.CallsIn += d.CallsIn;
                totals.CallSeconds += d.CallSeconds;
                totals.CallsAttempted += d.CallsAttempted;
                totals.Meetings += d.Meetings;
                totals.TasksDone += d.TasksDone;
                totals.Touches += d.Touches;
            }

            var p = index[key.Period];
            var calendar = context.CalendarOf(key.Employee);
            for (var day = LocalDate(grid.Start(p), context.Zone); day < LocalDate(grid.End(p), context.Zone) && day < today; day = day.AddDays(1))
            {
                if (calendar.IsWorkingDay(day))
                {
                    totals.NominalSeconds += calendar.NominalSeconds;
                    totals.CoveredSeconds += mine?.GetValueOrDefault(day)?.CoveredSeconds ?? 0;
                }
            }

            sums[key].SetActivities(totals);
            sums[key].Activities = activities;
        }
    }

    /// <summary>Cells the engine gives every active employee, activity or not: each month from their first fact's on.</summary>
    private static HashSet<(long Employee, string Period)> ExpectedCells(KpiEngineContext context)
    {
        var grid = context.Grid;
        var cells = new HashSet<(long Employee, string Period)>();
        foreach (var (employee, since) in context.ActiveEmployeesSince)
        {
            if (since >= grid.End(grid.Count - 1))
            {
                continue;
            }

            for (var p = Math.Max(0, grid.IndexOf(since)); p < grid.Count; p++)
            {
                cells.Add((employee, grid.Key(p)));
            }
        }

        return cells;
    }

    /// <summary>Each dirty day with the day before it (whose intervals may reach past midnight), merged per employee.</summary>
    private static List<(long Employee, DateTimeOffset From, DateTimeOffset To)> Windows(IEnumerable<(long Employee, DateOnly Day)> days, TimeZoneInfo zone)
    {
        var windows = new List<(long, DateTimeOffset, DateTimeOffset)>();
        foreach (var group in days.GroupBy(d => d.Employee))
        {
            DateOnly? from = null, to = null;
            foreach (var day in group.Select(d => d.Day).Order())
            {
                if (from is not null && day.AddDays(-1) <= to)
                {
                    to = day.AddDays(1);
                    continue;
                }

                if (from is { } f)
                {
                    windows.Add((group.Key, Midnight(f, zone), Midnight(to!.Value, zone)));
                }

                (from, to) = (day.AddDays(-1), day.AddDays(1));
            }

            windows.Add((group.Key, Midnight(from!.Value, zone), Midnight(to!.Value, zone)));
        }

        return windows;
    }

    // Approximate across a DST change at midnight: the feed reads a few hours more on either side.
    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static string MonthKey(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year:D4}-{day.Month:D2}");
}

/// <summary>Deals being read whole (<see cref="KpiInputStore.ReadDealsWholeAsync"/>): their touches, and each deal with its facts.</summary>
internal sealed record WholeRead(long[] Deals, Task<(List<Kpis.Facts.ActivityFact> Touches, List<Kpis.Facts.DealRecord> Deals)> Task);

/// <summary>What the last recompute left in <c>kpi_state</c>.</summary>
internal sealed record StoredState(DateTimeOffset LastRecomputeAt, string Fingerprint, int PartsVersion, string? GridFrom, string? ActiveSince);

/// <summary>The active employees and their first fact, as stored in <c>kpi_state.active_since</c>.</summary>
internal static class ActiveSince
{
    public static string Format(Dictionary<long, DateTimeOffset> active) =>
        JsonSerializer.Serialize(active.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value.UtcTicks));

    /// <summary>Employees who joined, left, or whose first fact moved.</summary>
    public static HashSet<long> Changed(string? before, string now)
    {
        var a = before is null ? [] : JsonSerializer.Deserialize<Dictionary<string, long>>(before) ?? [];
        var b = JsonSerializer.Deserialize<Dictionary<string, long>>(now) ?? [];
        return a.Keys.Concat(b.Keys).Where(k => a.GetValueOrDefault(k, -1) != b.GetValueOrDefault(k, -1))
            .Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToHashSet();
    }
}
