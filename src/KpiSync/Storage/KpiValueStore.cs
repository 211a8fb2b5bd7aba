using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>
/// The <c>kpi_values</c> and <c>payouts</c> tables. A recompute replaces the cells of its scope in one transaction:
/// changed rows are updated, unchanged ones left alone, vanished ones deleted. A closed period is never written:
/// where a recompute differs from its frozen values, the difference goes to <c>kpi_adjustments</c>.
/// </summary>
internal sealed partial class KpiValueStore(NpgsqlDataSource dataSource)
{
    private const string CreateStaging = """
        create temp table stage_kpi (employee_id bigint, period text, indicator text, value numeric, low_sample boolean, explanation jsonb) on commit drop
        """;

    private const string CopyStaging = "copy stage_kpi (employee_id, period, indicator, value, low_sample, explanation) from stdin (format binary)";

    private const string InScope = """
        k.connection_id = @c and (@allp or k.period = any(@periods)) and (@all or k.employee_id = any(@emps))
          and (not @exact or (k.employee_id, k.period) in (select x.e, x.p from unnest(@x_emps, @x_periods) as x(e, p)))
        """;

    private const string Merge = """
        insert into kpisync.kpi_values as k (connection_id, employee_id, period, indicator, value, low_sample, explanation, computed_at)
        select @c, employee_id, period, indicator, value, low_sample, explanation, @at from stage_kpi where period <> all(@closed)
        on conflict (connection_id, period, employee_id, indicator) do update set
            value = excluded.value, low_sample = excluded.low_sample, explanation = excluded.explanation, computed_at = excluded.computed_at
        where (k.value, k.low_sample, k.explanation) is distinct from (excluded.value, excluded.low_sample, excluded.explanation)
        """;

    // Only the cells whose hash changed (or vanished) are touched; rows of unchanged cells never reach PostgreSQL.
    // Statistics on the staged rows first: without them the planner probes the temp table once per stored row.
    private const string DeleteVanished = """
        analyze stage_kpi;
        delete from kpisync.kpi_values k
        using unnest(@cell_emps, @cell_periods) as x(employee_id, period)
        where k.connection_id = @c and k.employee_id = x.employee_id and k.period = x.period and k.period <> all(@closed)
          and not exists (select 1 from stage_kpi s where s.employee_id = k.employee_id and s.period = k.period and s.indicator = k.indicator)
        """;

    private const string ReplaceAdjustments = $"""
        delete from kpisync.kpi_adjustments k where {InScope};
        insert into kpisync.kpi_adjustments (connection_id, employee_id, period, indicator, frozen_value, current_value, detected_at)
        select @c, coalesce(f.employee_id, s.employee_id), coalesce(f.period, s.period), coalesce(f.indicator, s.indicator), f.value, s.value, @at
        from (select * from kpisync.kpi_values k where {InScope} and k.period = any(@closed)) f
        full join (select * from stage_kpi where period = any(@closed)) s
          on s.employee_id = f.employee_id and s.period = f.period and s.indicator = f.indicator
        where f.value is distinct from s.value;
        """;

    private const string SelectStoredCells = "select employee_id, period from kpisync.kpi_cells where connection_id = @c";

    private const string SelectHashes = $"select employee_id, period, hash from kpisync.kpi_cells k where {InScope} and k.period <> all(@closed)";

    private const string SaveHashes = """
        delete from kpisync.kpi_cells k using unnest(@gone_emps, @gone_periods) as x(employee_id, period)
        where k.connection_id = @c and k.employee_id = x.employee_id and k.period = x.period;
        insert into kpisync.kpi_cells as k (connection_id, employee_id, period, hash)
        select @c, * from unnest(@new_emps, @new_periods, @new_hashes)
        on conflict (connection_id, period, employee_id) do update set hash = excluded.hash;
        """;

    /// <summary>
    /// Writes a recompute's values; returns the rows inserted, changed or deleted, and the adjustments now pending.
    /// A cell (employee × period) whose values hash as stored is skipped whole; closed periods are always compared,
    /// to list their adjustments.
    /// </summary>
    public static async Task<(int Changed, int Adjustments)> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, WriteScope scope,
        IReadOnlyList<KpiValueRow> values, DateTimeOffset at, CancellationToken ct)
    {
        var args = scope.Parameters(c, at);
        var closed = scope.Closed.ToHashSet(StringComparer.Ordinal);
        var stored = (await conn.QueryAsync<(long Employee, string Period, string Hash)>(new CommandDefinition(SelectHashes, args, tx, cancellationToken: ct)))
            .ToDictionary(r => (r.Employee, r.Period), r => r.Hash);
        var cells = values.GroupBy(v => (v.EmployeeId, v.Period)).ToDictionary(g => g.Key, g => (Rows: g.ToList(), Hash: CellHash(g)));
        var changed = cells.Where(x => !closed.Contains(x.Key.Period) && (!stored.TryGetValue(x.Key, out var h) || h != x.Value.Hash)).ToList();
        var gone = stored.Keys.Where(k => !cells.ContainsKey(k)).ToList();
        var staged = changed.SelectMany(x => x.Value.Rows).Concat(cells.Where(x => closed.Contains(x.Key.Period)).SelectMany(x => x.Value.Rows)).ToList();
        var touched = changed.Select(x => x.Key).Concat(gone).ToList();

        var rows = await StagedMerge.RunAsync(conn, tx, CreateStaging, CopyStaging, staged, WriteRowAsync, Merge, args, ct);
        rows += await conn.ExecuteAsync(new CommandDefinition(DeleteVanished, new
        {
            c, closed = scope.Closed, cell_emps = touched.Select(k => k.Item1).ToArray(), cell_periods = touched.Select(k => k.Item2).ToArray(),
        }, tx, cancellationToken: ct, commandTimeout: 0));
        await conn.ExecuteAsync(new CommandDefinition(SaveHashes, new
        {
            c,
            gone_emps = gone.Select(k => k.Employee).ToArray(), gone_periods = gone.Select(k => k.Period).ToArray(),
            new_emps = changed.Select(x => x.Key.EmployeeId).ToArray(), new_periods = changed.Select(x => x.Key.Period).ToArray(),
            new_hashes = changed.Select(x => x.Value.Hash).ToArray(),
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(ReplaceAdjustments, args, tx, cancellationToken: ct, commandTimeout: 0));
        var adjustments = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            $"select count(*) from kpisync.kpi_adjustments k where {InScope}", args, tx, cancellationToken: ct));
        return (rows, adjustments);
    }

    /// <summary>The cells that have stored values (their hashes; a closed month's cells keep those from before it closed).</summary>
    public static async Task<HashSet<(long Employee, string Period)>> StoredCellsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct) =>
        (await conn.QueryAsync<(long, string)>(new CommandDefinition(SelectStoredCells, new { c }, tx, cancellationToken: ct))).ToHashSet();

    private static string CellHash(IEnumerable<KpiValueRow> rows)
    {
        var text = new StringBuilder();
        foreach (var v in rows.OrderBy(v => v.Indicator, StringComparer.Ordinal))
        {
            text.Append(v.Indicator).Append('|').Append(v.Value?.ToString(CultureInfo.InvariantCulture)).Append('|').Append(v.LowSample ? '1' : '0').Append('|')
                .Append(JsonSerializer.Serialize(v.Explanation, StorageJsonContext.Default.Explanation)).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter w, KpiValueRow v, CancellationToken ct)
    {
        await w.WriteAsync(v.EmployeeId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(v.Period, NpgsqlDbType.Text, ct);
        await w.WriteAsync(v.Indicator, NpgsqlDbType.Text, ct);
        await w.WriteAsync(v.Value, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(v.LowSample, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync(JsonSerializer.Serialize(v.Explanation, StorageJsonContext.Default.Explanation), NpgsqlDbType.Jsonb, ct);
    }

    private const string SelectPeriod = """
        select k.employee_id, coalesce(u.name, 'user ' || k.employee_id) as employee, k.period, k.indicator, k.value, k.low_sample
        from kpisync.kpi_values k
        left join kpisync.crm_users u on u.connection_id = k.connection_id and u.crm_id = k.employee_id
        where k.connection_id = @c and k.period = @period
        order by employee, k.employee_id, k.indicator
        """;

    public async Task<IReadOnlyList<StoredKpiValue>> GetPeriodAsync(int c, string period, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<StoredKpiValue>(new CommandDefinition(SelectPeriod, new { c, period }, cancellationToken: ct))).ToList();
    }
}

/// <summary>
/// The cells a recompute replaces: the given employees in the given periods (all when null), or exactly the given
/// cells (an incremental recompute assembles cells, not rectangles); closed periods are frozen.
/// </summary>
internal sealed record WriteScope(long[]? Employees, string[]? Periods, string[] Closed, IReadOnlyCollection<(long Employee, string Period)>? Cells = null)
{
    public object Parameters(int c, DateTimeOffset at) => new
    {
        c, at, all = Employees is null, emps = Employees ?? [], allp = Periods is null, periods = Periods ?? [], closed = Closed,
        exact = Cells is not null, x_emps = Cells?.Select(x => x.Employee).ToArray() ?? [], x_periods = Cells?.Select(x => x.Period).ToArray() ?? [],
    };
}

public sealed record KpiValueRow(long EmployeeId, string Period, string Indicator, decimal? Value, bool LowSample, KpiSync.Kpis.Indicators.Explanation Explanation);

public sealed record StoredKpiValue(long EmployeeId, string Employee, string Period, string Indicator, decimal? Value, bool LowSample);
