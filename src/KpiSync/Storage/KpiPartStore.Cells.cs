using Dapper;
using Npgsql;

namespace KpiSync.Storage;

internal static partial class KpiPartStore
{
    private const string SelectCellDeals = """
        with mine as (select deal_id from kpisync.kpi_deal_parts where connection_id = @c and employee_id = @employee and period = @period
                      union
                      select deal_id from kpisync.kpi_deal_running where connection_id = @c and period = @period and @employee = any(employees))
        select deal_id from mine
        union
        select o.deal_id from kpisync.kpi_client_wins w
        join kpisync.kpi_client_wins o on o.connection_id = w.connection_id and o.client_id = w.client_id
        where w.connection_id = @c and w.deal_id in (select deal_id from mine)
        """;

    /// <summary>The deals whose parts make up one cell, and every won deal of their clients.</summary>
    public static async Task<long[]> CellDealsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long employee, string period, CancellationToken ct) =>
        (await conn.QueryAsync<long>(new CommandDefinition(SelectCellDeals, new { c, employee, period }, tx, cancellationToken: ct))).ToArray();
}
