using KpiSync.Kpis.Engine;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

internal static partial class KpiPartStore
{
    private const string DayColumns = "employee_id, day, activities, calls_out, calls_in, call_seconds, calls_attempted, meetings, tasks_done, touches, covered_seconds";

    private const string SelectAllDays = $"select {DayColumns} from kpisync.kpi_activity_days where connection_id = @c";

    private const string SelectDays = $"""
        select {DayColumns} from kpisync.kpi_activity_days d
        join unnest(@emps, @froms, @tos) as x(e, f, t) on d.employee_id = x.e and d.day >= x.f and d.day < x.t
        where d.connection_id = @c
        """;

    private const string DeleteDays = """
        delete from kpisync.kpi_activity_days d using unnest(@emps, @days) as x(e, d)
        where d.connection_id = @c and d.employee_id = x.e and d.day = x.d
        """;

    private const string CopyDays = $"copy kpisync.kpi_activity_days (connection_id, {DayColumns}) from stdin (format binary)";

    /// <summary>Full recompute: every employee-day as computed; only the days that differ (or vanished) are rewritten.</summary>
    public static async Task<int> SyncDaysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyDictionary<(long Employee, DateOnly Day), ActivityDay> days,
        CancellationToken ct)
    {
        var stored = new Dictionary<(long, DateOnly), ActivityDay>();
        await using (var cmd = new NpgsqlCommand(SelectAllDays, conn, tx) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue("c", c);
            await ReadDaysAsync(cmd, (e, d, day) => stored[(e, d)] = day, ct);
        }

        var changed = days.Where(kv => !stored.Remove(kv.Key, out var s) || !s.SameAs(kv.Value)).ToList();
        var keys = changed.Select(kv => kv.Key).Concat(stored.Keys).ToList();
        await ReplaceDaysAsync(conn, tx, c, keys, changed, ct);
        return keys.Count;
    }

    /// <summary>The rows of <paramref name="keys"/> become <paramref name="rows"/> (a day without activity has none).</summary>
    public static async Task ReplaceDaysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<(long Employee, DateOnly Day)> keys,
        IEnumerable<KeyValuePair<(long Employee, DateOnly Day), ActivityDay>> rows, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using (var cmd = new NpgsqlCommand(DeleteDays, conn, tx) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue("c", c);
            cmd.Parameters.Add(new NpgsqlParameter("emps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keys.Select(k => k.Employee).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = keys.Select(k => k.Day).ToArray() });
            await cmd.ExecuteNonQueryAsync(ct);
        }

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
