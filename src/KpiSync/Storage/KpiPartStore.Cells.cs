using Dapper;
using KpiSync.Kpis.Indicators;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

internal static partial class KpiPartStore
{
    private const string SelectCellParts = """
        select p.employee_id, p.period, p.body from kpisync.kpi_deal_parts p
        join unnest(@emps, @periods) as x(e, p) on p.employee_id = x.e and p.period = x.p
        where p.connection_id = @c
        """;

    private const string SelectCellDeals = """
        with mine as (select deal_id from kpisync.kpi_deal_parts where connection_id = @c and employee_id = @employee and period = @period)
        select deal_id from mine
        union
        select o.deal_id from kpisync.kpi_client_wins w
        join kpisync.kpi_client_wins o on o.connection_id = w.connection_id and o.client_id = w.client_id
        where w.connection_id = @c and w.deal_id in (select deal_id from mine)
        """;

    /// <summary>The sum of the stored deal parts of each cell that has any.</summary>
    public static async Task<Dictionary<(long Employee, string Period), EmployeePeriodTotals>> LoadPartsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c,
        IReadOnlyCollection<(long Employee, string Period)> cells, CancellationToken ct)
    {
        var sums = new Dictionary<(long, string), EmployeePeriodTotals>();
        await using var cmd = new NpgsqlCommand(SelectCellParts, conn, tx) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("c", c);
        cmd.Parameters.Add(new NpgsqlParameter("emps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = cells.Select(x => x.Employee).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("periods", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = cells.Select(x => x.Period).ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var key = (r.GetInt64(0), r.GetString(1));
            if (!sums.TryGetValue(key, out var totals))
            {
                sums[key] = totals = new EmployeePeriodTotals();
            }

            KpiPartCodec.AddTo(totals, r.GetFieldValue<byte[]>(2));
        }

        return sums;
    }

    /// <summary>The deals whose parts make up one cell, and every won deal of their clients.</summary>
    public static async Task<long[]> CellDealsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long employee, string period, CancellationToken ct) =>
        (await conn.QueryAsync<long>(new CommandDefinition(SelectCellDeals, new { c, employee, period }, tx, cancellationToken: ct))).ToArray();
}
