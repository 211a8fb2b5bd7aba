using Dapper;

namespace KpiSync.Storage;

/// <summary>What the dashboard reads: the periods that have values, a period's payouts and pending
/// adjustments, and one indicator's history.</summary>
internal sealed partial class KpiValueStore
{
    private const string SelectPeriods = "select distinct period from kpisync.kpi_values where connection_id = @c order by period desc";

    private const string SelectPayouts = """
        select p.employee_id, coalesce(u.name, 'user ' || p.employee_id) as employee, p.period, p.scheme_name, p.scheme_version,
               p.kpi_index, p.fixed, p.bonus, p.penalties, p.total
        from kpisync.payouts p
        left join kpisync.crm_users u on u.connection_id = p.connection_id and u.crm_id = p.employee_id
        where p.connection_id = @c and p.period = @period
        order by employee, p.employee_id
        """;

    private const string SelectAdjustments = """
        select employee_id, indicator, frozen_value, current_value from kpisync.kpi_adjustments where connection_id = @c and period = @period
        """;

    private const string SelectHistory = """
        select period, value from kpisync.kpi_values
        where connection_id = @c and employee_id = @employee and indicator = @indicator and period = any(@periods)
        """;

    private const string SelectHistories = """
        select indicator, period, value from kpisync.kpi_values
        where connection_id = @c and employee_id = @employee and indicator = any(@indicators) and period = any(@periods)
        """;

    public async Task<IReadOnlyList<string>> ListPeriodsAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition(SelectPeriods, new { c }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<StoredPayout>> GetPayoutsAsync(int c, string period, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<StoredPayout>(new CommandDefinition(SelectPayouts, new { c, period }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<StoredAdjustment>> GetAdjustmentsAsync(int c, string period, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<StoredAdjustment>(new CommandDefinition(SelectAdjustments, new { c, period }, cancellationToken: ct))).ToList();
    }

    /// <summary>One employee's values of one indicator in the given periods (a period without a value is absent).</summary>
    public async Task<IReadOnlyDictionary<string, decimal?>> GetHistoryAsync(int c, long employee, string indicator, string[] periods, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Period, decimal? Value)>(new CommandDefinition(SelectHistory, new { c, employee, indicator, periods }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Period, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>Several indicators' values of one employee in the given months, keyed by (indicator, period).</summary>
    public async Task<IReadOnlyDictionary<(string Indicator, string Period), decimal?>> GetHistoriesAsync(int c, long employee, string[] indicators, string[] periods,
        CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Indicator, string Period, decimal? Value)>(new CommandDefinition(SelectHistories, new { c, employee, indicators, periods },
            cancellationToken: ct));
        return rows.ToDictionary(r => (r.Indicator, r.Period), r => r.Value);
    }
}

internal sealed record StoredPayout(long EmployeeId, string Employee, string Period, string SchemeName, int SchemeVersion, decimal? KpiIndex,
    decimal Fixed, decimal Bonus, decimal Penalties, decimal Total);

internal sealed record StoredAdjustment(long EmployeeId, string Indicator, decimal? FrozenValue, decimal? CurrentValue);
