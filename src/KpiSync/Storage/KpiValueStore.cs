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

    // Cells stored before row hashes (0019) are staged whole: their vanished rows are those not staged. Statistics on
    // the staged rows first: without them the planner probes the temp table once per stored row.
    private const string DeleteVanished = """
        analyze stage_kpi;
        delete from kpisync.kpi_values k
        using unnest(@cell_emps, @cell_periods) as x(employee_id, period)
        where k.connection_id = @c and k.employee_id = x.employee_id and k.period = x.period and k.period <> all(@closed)
          and not exists (select 1 from stage_kpi s where s.employee_id = k.employee_id and s.period = k.period and s.indicator = k.indicator)
        """;

    // Rows whose indicator a cell no longer has, and every row of cells that vanished.
    private const string DeleteRows = """
        delete from kpisync.kpi_values k using unnest(@row_emps, @row_periods, @row_indicators) as x(employee_id, period, indicator)
        where k.connection_id = @c and k.employee_id = x.employee_id and k.period = x.period and k.indicator = x.indicator;
        delete from kpisync.kpi_values k using unnest(@gone_emps, @gone_periods) as x(employee_id, period)
        where k.connection_id = @c and k.employee_id = x.employee_id and k.period = x.period and k.period <> all(@closed);
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

    private const string SelectHashes = $"select employee_id, period, hash, row_hashes from kpisync.kpi_cells k where {InScope} and k.period <> all(@closed)";

    private const string SaveHashes = """
        delete from kpisync.kpi_cells k using unnest(@gone_emps, @gone_periods) as x(employee_id, period)
        where k.connection_id = @c and k.employee_id = x.employee_id and k.period = x.period;
        insert into kpisync.kpi_cells as k (connection_id, employee_id, period, hash, row_hashes)
        select @c, * from unnest(@new_emps, @new_periods, @new_hashes, @new_rows)
        on conflict (connection_id, period, employee_id) do update set hash = excluded.hash, row_hashes = excluded.row_hashes;
        """;

    /// <summary>
    /// Writes a recompute's values; returns the rows inserted, changed or deleted, and the adjustments now pending.
    /// A cell (employee × period) whose values hash as stored is skipped whole; of a cell that changed, only the rows
    /// whose own hash changed are sent. Closed periods are always compared, to list their adjustments.
    /// </summary>
    public static async Task<(int Changed, int Adjustments)> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, WriteScope scope,
        IReadOnlyList<KpiValueRow> values, DateTimeOffset at, CancellationToken ct)
    {
        var args = scope.Parameters(c, at);
        var closed = scope.Closed.ToHashSet(StringComparer.Ordinal);
        var stored = (await conn.QueryAsync<(long Employee, string Period, string Hash, byte[]? Rows)>(new CommandDefinition(SelectHashes, args, tx, cancellationToken: ct)))
            .ToDictionary(r => (r.Employee, r.Period), r => (r.Hash, r.Rows));
        var cells = HashedCell.OfCells(values);
        var changed = cells.Where(x => !closed.Contains(x.Key.Period) && (!stored.TryGetValue(x.Key, out var h) || h.Hash != x.Value.Hash)).ToList();
        var gone = stored.Keys.Where(k => !cells.ContainsKey(k)).ToList();
        var staged = new List<HashedRow>();
        var vanished = new List<(long Employee, string Period, string Indicator)>();
        var whole = new List<(long Employee, string Period)>();
        foreach (var (key, cell) in changed)
        {
            if (stored.TryGetValue(key, out var before) && before.Rows is { } hashes)
            {
                var was = RowHashes.Decode(hashes);
                staged.AddRange(cell.Rows.Where(r => !was.Remove(r.Row.Indicator, out var h) || h != r.Hash));
                vanished.AddRange(was.Keys.Select(i => (key.EmployeeId, key.Period, i)));
            }
            else
            {
                staged.AddRange(cell.Rows);
                whole.Add(key);
            }
        }

        staged.AddRange(cells.Where(x => closed.Contains(x.Key.Period)).SelectMany(x => x.Value.Rows));
        var rows = await StagedMerge.RunAsync(conn, tx, CreateStaging, CopyStaging, staged, WriteRowAsync, Merge, args, ct);
        if (whole.Count > 0)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition(DeleteVanished, new
            {
                c, closed = scope.Closed, cell_emps = whole.Select(k => k.Employee).ToArray(), cell_periods = whole.Select(k => k.Period).ToArray(),
            }, tx, cancellationToken: ct, commandTimeout: 0));
        }

        if (vanished.Count + gone.Count > 0)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition(DeleteRows, new
            {
                c, closed = scope.Closed,
                row_emps = vanished.Select(k => k.Employee).ToArray(), row_periods = vanished.Select(k => k.Period).ToArray(),
                row_indicators = vanished.Select(k => k.Indicator).ToArray(),
                gone_emps = gone.Select(k => k.Employee).ToArray(), gone_periods = gone.Select(k => k.Period).ToArray(),
            }, tx, cancellationToken: ct, commandTimeout: 0));
        }

        await conn.ExecuteAsync(new CommandDefinition(SaveHashes, new
        {
            c,
            gone_emps = gone.Select(k => k.Employee).ToArray(), gone_periods = gone.Select(k => k.Period).ToArray(),
            new_emps = changed.Select(x => x.Key.EmployeeId).ToArray(), new_periods = changed.Select(x => x.Key.Period).ToArray(),
            new_hashes = changed.Select(x => x.Value.Hash).ToArray(), new_rows = changed.Select(x => RowHashes.Encode(x.Value.Rows)).ToArray(),
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(ReplaceAdjustments, args, tx, cancellationToken: ct, commandTimeout: 0));
        var adjustments = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            $"select count(*) from kpisync.kpi_adjustments k where {InScope}", args, tx, cancellationToken: ct));
        return (rows, adjustments);
    }

    /// <summary>The cells that have stored values (their hashes; a closed month's cells keep those from before it closed).</summary>
    public static async Task<HashSet<(long Employee, string Period)>> StoredCellsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct) =>
        (await conn.QueryAsync<(long, string)>(new CommandDefinition(SelectStoredCells, new { c }, tx, cancellationToken: ct))).ToHashSet();

    private static async Task WriteRowAsync(NpgsqlBinaryImporter w, HashedRow r, CancellationToken ct)
    {
        var v = r.Row;
        await w.WriteAsync(v.EmployeeId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(v.Period, NpgsqlDbType.Text, ct);
        await w.WriteAsync(v.Indicator, NpgsqlDbType.Text, ct);
        await w.WriteAsync(v.Value, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(v.LowSample, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync(r.Explanation, NpgsqlDbType.Jsonb, ct);
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
