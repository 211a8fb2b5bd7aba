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
    /// An incremental recompute (issue #4): redoes the dirty deals (their facts or the touches on them changed, or time
    /// moved their running-month part) and the dirty employee-days, stores their new parts, and assembles every cell
    /// whose parts changed or whose plans were imported — plus every running-month cell, stored or due (idle days complete with time alone) and the
    /// cells an employee gains or loses when their first fact or activeness changed — from the stored parts.
    /// </summary>
    private static async Task<(Dictionary<CellKey, EmployeePeriodTotals> Cells, List<(long Employee, string Period)> Keys)> AssembleAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int c, KpiEngineContext context, StoredState state, string activeSince, DirtySet dirty,
        HashSet<string> closed, StageClock stages, CancellationToken ct)
    {
        var grid = context.Grid;
        var touched = new HashSet<(long Employee, string Period)>();
        var deals = dirty.Deals.Concat(await KpiInputStore.AgedDealsAsync(conn, tx, c, state.LastRecomputeAt, context.Now, ct)).Distinct().Order().ToArray();
        if (deals.Length > 0)
        {
            var replay = new KpiEngine(context) { CaptureParts = true };
            await KpiInputStore.FeedDealsAsync(conn, c, deals, replay, ct);
            stages.Mark("deals read");
            touched.UnionWith(await KpiPartStore.ReplaceDealsAsync(conn, tx, c, grid, deals, replay.DealParts, ct));
            touched.UnionWith(await KpiPartStore.ReplaceWinsAsync(conn, tx, c, grid, deals, replay.ClientWins, ct));
        }

        stages.Mark("deals");
        if (dirty.Days.Count > 0)
        {
            var days = new KpiEngine(context) { CaptureParts = true };
            await KpiInputStore.FeedActivityWindowsAsync(conn, c, Windows(dirty.Days, context.Zone), days, ct);
            var computed = days.ActivityDays();
            var rows = dirty.Days.Where(computed.ContainsKey).Select(k => KeyValuePair.Create(k, computed[k]));
            await KpiPartStore.ReplaceDaysAsync(conn, tx, c, dirty.Days, rows, ct);
            touched.UnionWith(dirty.Days.Select(k => (k.Employee, MonthKey(k.Day))));
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
        var cells = await AssembleCellsAsync(conn, tx, c, context, keys, index, expected, stages, ct);
        stages.Mark("assemble");
        return (cells, keys);
    }

    private static async Task<Dictionary<CellKey, EmployeePeriodTotals>> AssembleCellsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c,
        KpiEngineContext context, List<(long Employee, string Period)> keys, Dictionary<string, int> index, HashSet<(long Employee, string Period)> expected, StageClock stages, CancellationToken ct)
    {
        var grid = context.Grid;
        var parts = await KpiPartStore.LoadPartsAsync(conn, tx, c, keys, ct);
        stages.Mark("parts load");
        var clients = await KpiPartStore.ClientCountsAsync(conn, tx, c, keys, ct);
        stages.Mark("clients");
        var windows = keys.Select(k => (k.Employee, LocalDate(grid.Start(index[k.Period]), context.Zone), LocalDate(grid.End(index[k.Period]), context.Zone))).ToList();
        var days = (await KpiPartStore.LoadDaysAsync(conn, tx, c, windows, ct))
            .GroupBy(d => (d.Employee, MonthKey(d.Day))).ToDictionary(g => g.Key, g => g.ToDictionary(d => d.Day, d => d.Totals));
        var today = LocalDate(context.Now, context.Zone);
        var cells = new Dictionary<CellKey, EmployeePeriodTotals>();
        foreach (var key in keys)
        {
            var mine = days.GetValueOrDefault(key);
            var counts = clients.GetValueOrDefault(key);
            if (!parts.ContainsKey(key) && counts == default && !expected.Contains(key) && (mine is null || !mine.Values.Any(d => d.Activities > 0)))
            {
                continue;
            }

            var totals = parts.GetValueOrDefault(key) ?? new EmployeePeriodTotals();
            foreach (var d in mine?.Values ?? Enumerable.Empty<ActivityDay>())
            {
                totals.CallsOut += d.CallsOut;
                totals.CallsIn += d.CallsIn;
                totals.CallSeconds += d.CallSeconds;
                totals.CallsAttempted += d.CallsAttempted;
                totals.Meetings += d.Meetings;
                totals.TasksDone += d.TasksDone;
                totals.Touches += d.Touches;
            }

            // Idle time over the month's completed working days, as KpiEngine.CompleteIdle counts it.
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

            totals.NewClients += counts.New;
            totals.RepeatPurchases += counts.Repeat;
            cells[new CellKey(key.Employee, p)] = totals;
        }

        return cells;
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
