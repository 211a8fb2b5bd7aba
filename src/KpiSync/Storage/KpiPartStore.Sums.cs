using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

internal static partial class KpiPartStore
{
    private const string SelectAllSums = "select employee_id, period, body from kpisync.kpi_cell_sums where connection_id = @c";

    private const string SelectSums = """
        select s.employee_id, s.period, s.body from kpisync.kpi_cell_sums s
        join unnest(@emps, @periods) as x(e, p) on s.employee_id = x.e and s.period = x.p
        where s.connection_id = @c
        """;

    private const string SaveSums = """
        delete from kpisync.kpi_cell_sums s using unnest(@gone_emps, @gone_periods) as x(e, p)
        where s.connection_id = @c and s.employee_id = x.e and s.period = x.p;
        insert into kpisync.kpi_cell_sums as s (connection_id, employee_id, period, body)
        select @c, * from unnest(@emps, @periods, @bodies)
        on conflict (connection_id, employee_id, period) do update set body = excluded.body;
        """;

    /// <summary>The stored sums (<see cref="CellSumCodec"/>) of the given cells that have one.</summary>
    public static async Task<Dictionary<(long Employee, string Period), byte[]>> LoadSumsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c,
        IReadOnlyCollection<(long Employee, string Period)> cells, CancellationToken ct)
    {
        var sums = new Dictionary<(long, string), byte[]>();
        await using var cmd = new NpgsqlCommand(SelectSums, conn, tx) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("c", c);
        cmd.Parameters.Add(new NpgsqlParameter("emps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = cells.Select(x => x.Employee).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("periods", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = cells.Select(x => x.Period).ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            sums[(r.GetInt64(0), r.GetString(1))] = r.GetFieldValue<byte[]>(2);
        }

        return sums;
    }

    /// <summary>Full recompute: every cell's sum as computed; only those that differ (or vanished) are written.</summary>
    public static async Task<int> SyncSumsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyDictionary<(long Employee, string Period), byte[]> sums,
        CancellationToken ct)
    {
        var stored = (await conn.QueryAsync<(long Employee, string Period, byte[] Body)>(new CommandDefinition(SelectAllSums, new { c }, tx, cancellationToken: ct,
            commandTimeout: 0))).ToDictionary(r => (r.Employee, r.Period), r => r.Body);
        var changed = sums.Where(kv => !stored.Remove(kv.Key, out var before) || !before.AsSpan().SequenceEqual(kv.Value)).ToList();
        await SaveSumsAsync(conn, tx, c, changed, [.. stored.Keys], ct);
        return changed.Count + stored.Count;
    }

    /// <summary>Writes the given sums and deletes those of <paramref name="gone"/>.</summary>
    public static async Task SaveSumsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<KeyValuePair<(long Employee, string Period), byte[]>> sums,
        IReadOnlyCollection<(long Employee, string Period)> gone, CancellationToken ct)
    {
        if (sums.Count == 0 && gone.Count == 0)
        {
            return;
        }

        await conn.ExecuteAsync(new CommandDefinition(SaveSums, new
        {
            c, gone_emps = gone.Select(k => k.Employee).ToArray(), gone_periods = gone.Select(k => k.Period).ToArray(),
            emps = sums.Select(kv => kv.Key.Employee).ToArray(), periods = sums.Select(kv => kv.Key.Period).ToArray(), bodies = sums.Select(kv => kv.Value).ToArray(),
        }, tx, cancellationToken: ct, commandTimeout: 0));
    }
}
