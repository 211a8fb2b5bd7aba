using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>The <c>kpi_values</c> table. A recompute replaces a connection's values in one transaction: changed rows
/// are updated, unchanged ones left alone, vanished ones deleted.</summary>
internal sealed class KpiValueStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string CreateStaging = """
        create temp table stage_kpi (employee_id bigint, period text, indicator text, value numeric, low_sample boolean, explanation jsonb) on commit drop
        """;

    private const string CopyStaging = "copy stage_kpi (employee_id, period, indicator, value, low_sample, explanation) from stdin (format binary)";

    private const string Merge = """
        insert into kpisync.kpi_values as k (connection_id, employee_id, period, indicator, value, low_sample, explanation, computed_at)
        select @c, employee_id, period, indicator, value, low_sample, explanation, @at from stage_kpi
        on conflict (connection_id, period, employee_id, indicator) do update set
            value = excluded.value, low_sample = excluded.low_sample, explanation = excluded.explanation, computed_at = excluded.computed_at
        where (k.value, k.low_sample, k.explanation) is distinct from (excluded.value, excluded.low_sample, excluded.explanation)
        """;

    private const string DeleteVanished = """
        delete from kpisync.kpi_values k where k.connection_id = @c
          and not exists (select 1 from stage_kpi s where s.employee_id = k.employee_id and s.period = k.period and s.indicator = k.indicator)
        """;

    private const string SelectPeriod = """
        select k.employee_id, coalesce(u.name, 'user ' || k.employee_id) as employee, k.period, k.indicator, k.value, k.low_sample
        from kpisync.kpi_values k
        left join kpisync.crm_users u on u.connection_id = k.connection_id and u.crm_id = k.employee_id
        where k.connection_id = @c and k.period = @period
        order by employee, k.employee_id, k.indicator
        """;

    /// <summary>Replaces every value of the connection; returns the rows inserted, changed or deleted.</summary>
    public async Task<int> ReplaceAllAsync(int c, IReadOnlyList<KpiValueRow> values, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await StagedMerge.RunAsync(conn, tx, CreateStaging, CopyStaging, values, WriteAsync, Merge, new { c, at = time.GetUtcNow() }, ct);
        changed += await conn.ExecuteAsync(new CommandDefinition(DeleteVanished, new { c }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return changed;
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter w, KpiValueRow v, CancellationToken ct)
    {
        await w.WriteAsync(v.EmployeeId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(v.Period, NpgsqlDbType.Text, ct);
        await w.WriteAsync(v.Indicator, NpgsqlDbType.Text, ct);
        await w.WriteAsync(v.Value, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(v.LowSample, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync(JsonSerializer.Serialize(v.Explanation, StorageJsonContext.Default.Explanation), NpgsqlDbType.Jsonb, ct);
    }

    public async Task<IReadOnlyList<StoredKpiValue>> GetPeriodAsync(int c, string period, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<StoredKpiValue>(new CommandDefinition(SelectPeriod, new { c, period }, cancellationToken: ct))).ToList();
    }
}

public sealed record KpiValueRow(long EmployeeId, string Period, string Indicator, decimal? Value, bool LowSample, KpiSync.Kpis.Indicators.Explanation Explanation);

public sealed record StoredKpiValue(long EmployeeId, string Employee, string Period, string Indicator, decimal? Value, bool LowSample);
