using System.Globalization;
using Dapper;
using KpiSync.Kpis.Engine;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

internal static partial class KpiPartStore
{
    private const string DayColumns = "employee_id, day, activities, calls_out, calls_in, call_seconds, calls_attempted, meetings, tasks_done, touches, covered_seconds";

    private const string SelectDayDigests = "select employee_id, period, digest from kpisync.kpi_day_digests where connection_id = @c";

    private const string DeleteDayMonths = """
        delete from kpisync.kpi_activity_days d using unnest(@emps, @froms, @tos) as x(e, f, t)
        where d.connection_id = @c and d.employee_id = x.e and d.day >= x.f and d.day < x.t
        """;

    private const string SaveDayDigests = """
        delete from kpisync.kpi_day_digests k using unnest(@emps, @periods) as x(e, p)
        where k.connection_id = @c and k.employee_id = x.e and k.period = x.p;
        insert into kpisync.kpi_day_digests (connection_id, employee_id, period, digest)
        select @c, * from unnest(@new_emps, @new_periods, @new_digests);
        """;

    private const string SelectDays = $"""
        select {DayColumns} from kpisync.kpi_activity_days d
        join unnest(@emps, @froms, @tos) as x(e, f, t) on d.employee_id = x.e and d.day >= x.f and d.day < x.t
        where d.connection_id = @c
        """;

    private const string DeleteDays = $"""
        delete from kpisync.kpi_activity_days d using unnest(@emps, @days) as x(e, d)
        where d.connection_id = @c and d.employee_id = x.e and d.day = x.d
        returning {DayColumns}
        """;

    private const string SelectMonthDigests = """
        select k.employee_id, k.period, k.digest from kpisync.kpi_day_digests k join unnest(@emps, @periods) as x(e, p) on k.employee_id = x.e and k.period = x.p
        where k.connection_id = @c
        """;

    private const string CopyDays = $"copy kpisync.kpi_activity_days (connection_id, {DayColumns}) from stdin (format binary)";

    /// <summary>
    /// Full recompute: every employee-day as computed. Only the employee-months whose digest differs from the stored one
    /// (or that vanished) are rewritten.
    /// </summary>
    public static async Task SyncDaysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyDictionary<(long Employee, DateOnly Day), ActivityDay> days,
        CancellationToken ct)
    {
        var digests = MonthDigests(days.Select(kv => (kv.Key.Employee, kv.Key.Day, kv.Value)));
        
        var stored = (await conn.QueryAsync<(long Employee, string Period, long Digest)>(new CommandDefinition(SelectDayDigests, new { c }, tx, cancellationToken: ct)))
            .ToDictionary(r => (r.Employee, r.Period), r => r.Digest);
        var changed = digests.Where(kv => !stored.Remove(kv.Key, out var before) || before != kv.Value).Select(kv => kv.Key).ToHashSet();
        var months = changed.Concat(stored.Keys).ToList();
        if (months.Count == 0)
        {
            return;
        }

        await DeleteMonthsAsync(conn, tx, c, months, ct);
        await CopyDaysAsync(conn, c, days.Where(kv => changed.Contains((kv.Key.Employee, MonthKey(kv.Key.Day)))), ct);
        await SaveDigestsAsync(conn, tx, c, months, digests, ct);
    }

    /// <summary>Incremental recompute: the rows of <paramref name="keys"/> become <paramref name="rows"/> (a day without activity
    /// has none), and the digests of their months follow.</summary>
    public static async Task ReplaceDaysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<(long Employee, DateOnly Day)> keys,
        IEnumerable<KeyValuePair<(long Employee, DateOnly Day), ActivityDay>> rows, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return;
        }

        // A month's digest is a sum over its days: it moves by the new days' digests minus the old ones'.
        var old = new List<(long, DateOnly, ActivityDay)>();
        await using (var cmd = new NpgsqlCommand(DeleteDays, conn, tx) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue("c", c);
            cmd.Parameters.Add(new NpgsqlParameter("emps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keys.Select(k => k.Employee).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = keys.Select(k => k.Day).ToArray() });
            await ReadDaysAsync(cmd, (e, d, day) => old.Add((e, d, day)), ct);
        }

        var fresh = rows.ToList();
        await CopyDaysAsync(conn, c, fresh, ct);
        var months = keys.Select(k => (k.Employee, MonthKey(k.Day))).Distinct().ToList();
        var digests = (await conn.QueryAsync<(long Employee, string Period, long Digest)>(new CommandDefinition(SelectMonthDigests, new
        {
            c, emps = months.Select(m => m.Employee).ToArray(), periods = months.Select(m => m.Item2).ToArray(),
        }, tx, cancellationToken: ct))).ToDictionary(r => (r.Employee, r.Period), r => r.Digest);
        foreach (var (key, minus) in MonthDigests(old))
        {
            digests[key] = unchecked(digests.GetValueOrDefault(key) - minus);
        }

        foreach (var (key, plus) in MonthDigests(fresh.Select(kv => (kv.Key.Employee, kv.Key.Day, kv.Value))))
        {
            digests[key] = unchecked(digests.GetValueOrDefault(key) + plus);
        }

        // A month left without days sums to 0 and keeps no digest, as a full recompute leaves it.
        await SaveDigestsAsync(conn, tx, c, months, digests.Where(kv => kv.Value != 0).ToDictionary(), ct);
    }

    private static Dictionary<(long, string), long> MonthDigests(IEnumerable<(long Employee, DateOnly Day, ActivityDay Totals)> days)
    {
        // Summed under a number per month first: a month key string per day cost more than the digest itself.
        var sums = new Dictionary<(long, int), long>();
        foreach (var (e, d, totals) in days)
        {
            ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, (e, (d.Year * 12) + d.Month - 1), out _);
            sum = unchecked(sum + (long)PartDigest.Of(e, d, totals));
        }

        return sums.ToDictionary(kv => (kv.Key.Item1, string.Create(CultureInfo.InvariantCulture, $"{kv.Key.Item2 / 12:D4}-{(kv.Key.Item2 % 12) + 1:D2}")), kv => kv.Value);
    }

    private static async Task DeleteMonthsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<(long Employee, string Period)> months, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(DeleteDayMonths, conn, tx) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("c", c);
        cmd.Parameters.Add(new NpgsqlParameter("emps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = months.Select(k => k.Employee).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("froms", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = months.Select(k => MonthStart(k.Period)).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("tos", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = months.Select(k => MonthStart(k.Period).AddMonths(1)).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task SaveDigestsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<(long Employee, string Period)> months,
        Dictionary<(long, string), long> digests, CancellationToken ct)
    {
        var present = months.Where(digests.ContainsKey).ToList();
        await conn.ExecuteAsync(new CommandDefinition(SaveDayDigests, new
        {
            c, emps = months.Select(k => k.Employee).ToArray(), periods = months.Select(k => k.Period).ToArray(),
            new_emps = present.Select(k => k.Employee).ToArray(), new_periods = present.Select(k => k.Period).ToArray(),
            new_digests = present.Select(k => digests[k]).ToArray(),
        }, tx, cancellationToken: ct, commandTimeout: 0));
    }

    private static async Task CopyDaysAsync(NpgsqlConnection conn, int c, IEnumerable<KeyValuePair<(long Employee, DateOnly Day), ActivityDay>> rows, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(CopyDays, ct);
        foreach (var ((e, d), day) in rows)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(c, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(e, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d, NpgsqlDbType.Date, ct);
            await w.WriteAsync(day.Activities, NpgsqlDbType.Integer, ct);
            foreach (var n in (long[])[day.CallsOut, day.CallsIn, day.CallSeconds, day.CallsAttempted, day.Meetings, day.TasksDone, day.Touches, day.CoveredSeconds])
            {
                await w.WriteAsync(n, NpgsqlDbType.Bigint, ct);
            }
        }

        await w.CompleteAsync(ct);
    }

    private static string MonthKey(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year:D4}-{day.Month:D2}");

    private static DateOnly MonthStart(string period) => DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The stored days of each employee in [from, to) (local dates).</summary>
    public static async Task<List<(long Employee, DateOnly Day, ActivityDay Totals)>> LoadDaysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c,
        IReadOnlyList<(long Employee, DateOnly From, DateOnly To)> windows, CancellationToken ct)
    {
        var list = new List<(long, DateOnly, ActivityDay)>();
        if (windows.Count == 0)
        {
            return list;
        }

        await using var cmd = new NpgsqlCommand(SelectDays, conn, tx) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("c", c);
        cmd.Parameters.Add(new NpgsqlParameter("emps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = windows.Select(w => w.Employee).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("froms", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = windows.Select(w => w.From).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("tos", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = windows.Select(w => w.To).ToArray() });
        await ReadDaysAsync(cmd, (e, d, day) => list.Add((e, d, day)), ct);
        return list;
    }

    private static async Task ReadDaysAsync(NpgsqlCommand cmd, Action<long, DateOnly, ActivityDay> add, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            add(r.GetInt64(0), r.GetFieldValue<DateOnly>(1), new ActivityDay
            {
                Activities = r.GetInt32(2), CallsOut = r.GetInt64(3), CallsIn = r.GetInt64(4), CallSeconds = r.GetInt64(5), CallsAttempted = r.GetInt64(6),
                Meetings = r.GetInt64(7), TasksDone = r.GetInt64(8), Touches = r.GetInt64(9), CoveredSeconds = r.GetInt64(10),
            });
        }
    }
}
