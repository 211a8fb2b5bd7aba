using Dapper;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Periods;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

internal static partial class KpiPartStore
{
    private const string SelectAllWins = "select deal_id, client_id, won_at, employee_id, period from kpisync.kpi_client_wins where connection_id = @c";

    private const string DeleteWins = """
        delete from kpisync.kpi_client_wins where connection_id = @c and deal_id in (select unnest(@ids)) returning client_id, employee_id, period
        """;

    private const string SelectWinClients = "select client_id from kpisync.kpi_client_wins where connection_id = @c and deal_id in (select unnest(@ids))";

    private const string CopyWins = "copy kpisync.kpi_client_wins (connection_id, deal_id, client_id, won_at, employee_id, period) from stdin (format binary)";

    /// <summary>
    /// Each client's first win ever: the one that counts as a new client. One probe of the client index per client
    /// (a client who bought 300 times had all 300 wins read and sorted).
    /// </summary>
    private const string SelectFirstWins = """
        select x.client_id, w.employee_id, w.period from unnest(@clients) as x(client_id)
        cross join lateral (select employee_id, period from kpisync.kpi_client_wins w
                            where w.connection_id = @c and w.client_id = x.client_id order by w.won_at, w.deal_id limit 1) w
        """;

    /// <summary>Per cell: its wins that were their client's first (new clients), and the others (repeat purchases).</summary>
    private const string SelectClientCounts = """
        select w.employee_id, w.period,
               count(*) filter (where f.first) as new_clients, count(*) filter (where not f.first) as repeats
        from kpisync.kpi_client_wins w
        join unnest(@emps, @periods) as x(e, p) on w.employee_id = x.e and w.period = x.p
        cross join lateral (select not exists (select 1 from kpisync.kpi_client_wins o
                                               where o.connection_id = w.connection_id and o.client_id = w.client_id
                                                 and (o.won_at, o.deal_id) < (w.won_at, w.deal_id)) as first) f
        where w.connection_id = @c
        group by w.employee_id, w.period
        """;

    private sealed record WinRow(long ClientId, DateTimeOffset At, long? EmployeeId, string? Period);

    private static WinRow Row(ClientWin w, PeriodGrid grid) => new(w.ClientId, w.At, w.Period >= 0 ? w.EmployeeId : null, w.Period >= 0 && w.EmployeeId is not null ? grid.Key(w.Period) : null);

    /// <summary>Full recompute: every client win as computed; only deals whose win differs (or vanished) are rewritten.</summary>
    public static async Task SyncWinsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, PeriodGrid grid, IReadOnlyList<ClientWin> wins, CancellationToken ct)
    {
        var stored = (await conn.QueryAsync<(long Deal, long Client, DateTimeOffset At, long? Employee, string? Period)>(new CommandDefinition(SelectAllWins, new { c }, tx,
            cancellationToken: ct))).ToDictionary(r => r.Deal, r => new WinRow(r.Client, r.At, r.Employee, r.Period));
        var changed = wins.Where(w => !stored.Remove(w.DealId, out var s) || s != Row(w, grid)).ToList();
        await ReplaceWinRowsAsync(conn, tx, c, grid, changed.Select(w => w.DealId).Concat(stored.Keys).ToArray(), changed, [], ct);
    }

    /// <summary>
    /// Incremental recompute: the wins of <paramref name="ids"/> become <paramref name="wins"/>. Returns the cells that
    /// may count differently now: those of the old and new wins, and those of the first wins, before and after, of every
    /// client these wins belong to (a win earlier than a client's first makes the old first a repeat purchase).
    /// </summary>
    public static async Task<HashSet<(long Employee, string Period)>> ReplaceWinsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, PeriodGrid grid,
        long[] ids, IReadOnlyList<ClientWin> wins, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var clients = (await conn.QueryAsync<long>(new CommandDefinition(SelectWinClients, new { c, ids }, tx, cancellationToken: ct)))
            .Concat(wins.Select(w => w.ClientId)).Distinct().ToArray();
        var cells = (await FirstWinCellsAsync(conn, tx, c, clients, ct)).ToHashSet();
        await ReplaceWinRowsAsync(conn, tx, c, grid, ids, wins, cells, ct);
        cells.UnionWith(await FirstWinCellsAsync(conn, tx, c, clients, ct));
        return cells;
    }

    private static async Task ReplaceWinRowsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, PeriodGrid grid, long[] ids, IReadOnlyList<ClientWin> wins,
        HashSet<(long, string)> cells, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            return;
        }

        foreach (var (_, employee, period) in await conn.QueryAsync<(long, long?, string?)>(new CommandDefinition(DeleteWins, new { c, ids }, tx, cancellationToken: ct)))
        {
            if (employee is { } e && period is { } p)
            {
                cells.Add((e, p));
            }
        }

        await using var w = await conn.BeginBinaryImportAsync(CopyWins, ct);
        foreach (var win in wins)
        {
            var row = Row(win, grid);
            if (row is { EmployeeId: { } e, Period: { } p })
            {
                cells.Add((e, p));
            }

            await w.StartRowAsync(ct);
            await w.WriteAsync(c, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(win.DealId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(row.ClientId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(row.At.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(row.EmployeeId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(row.Period, NpgsqlDbType.Text, ct);
        }

        await w.CompleteAsync(ct);
    }

    /// <summary>The cells in which the given clients' first wins count.</summary>
    public static async Task<IEnumerable<(long Employee, string Period)>> FirstWinCellsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long[] clients, CancellationToken ct)
    {
        if (clients.Length == 0)
        {
            return [];
        }

        var rows = await conn.QueryAsync<(long Client, long? Employee, string? Period)>(new CommandDefinition(SelectFirstWins, new { c, clients }, tx, cancellationToken: ct));
        return rows.Where(r => r.Employee is not null && r.Period is not null).Select(r => (r.Employee!.Value, r.Period!));
    }

    public static async Task<Dictionary<(long Employee, string Period), (long New, long Repeat)>> ClientCountsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c,
        IReadOnlyCollection<(long Employee, string Period)> cells, CancellationToken ct) =>
        (await conn.QueryAsync<(long Employee, string Period, long New, long Repeat)>(new CommandDefinition(SelectClientCounts, new
        {
            c, emps = cells.Select(x => x.Employee).ToArray(), periods = cells.Select(x => x.Period).ToArray(),
        }, tx, cancellationToken: ct, commandTimeout: 0))).ToDictionary(r => (r.Employee, r.Period), r => (r.New, r.Repeat));
}
