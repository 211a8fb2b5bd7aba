using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary><c>kpi_plans</c>: a plan per employee, period and indicator. An import upserts and dirties the periods it touches.</summary>
internal sealed class PlanStore(NpgsqlDataSource dataSource)
{
    private const string Upsert = """
        insert into kpisync.kpi_plans as p (connection_id, employee_id, period, indicator, plan)
        select @c, * from unnest(@employees, @periods, @indicators, @plans)
        on conflict (connection_id, employee_id, period, indicator) do update set plan = excluded.plan
        where p.plan is distinct from excluded.plan
        """;

    private const string MarkDirty = """
        insert into kpisync.kpi_dirty_months (connection_id, employee_id, period)
        select distinct @c, * from unnest(@employees, @periods)
        """;

    public async Task<int> ImportAsync(int c, IReadOnlyList<PlanRow> plans, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var args = new
        {
            c,
            employees = plans.Select(p => p.EmployeeId).ToArray(),
            periods = plans.Select(p => p.Period).ToArray(),
            indicators = plans.Select(p => p.Indicator).ToArray(),
            plans = plans.Select(p => p.Plan).ToArray(),
        };
        var changed = await conn.ExecuteAsync(new CommandDefinition(Upsert, args, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(MarkDirty, new { c, args.employees, args.periods }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return changed;
    }

    public static async Task<Dictionary<(long Employee, string Period), Dictionary<string, decimal>>> LoadAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, int c, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<PlanRow>(new CommandDefinition(
            "select employee_id, period, indicator, plan from kpisync.kpi_plans where connection_id = @c", new { c }, tx, cancellationToken: ct));
        var map = new Dictionary<(long, string), Dictionary<string, decimal>>();
        foreach (var r in rows)
        {
            if (!map.TryGetValue((r.EmployeeId, r.Period), out var plans))
            {
                plans = new Dictionary<string, decimal>(StringComparer.Ordinal);
                map[(r.EmployeeId, r.Period)] = plans;
            }

            plans[r.Indicator] = r.Plan;
        }

        return map;
    }
}

internal sealed record PlanRow(long EmployeeId, string Period, string Indicator, decimal Plan);
