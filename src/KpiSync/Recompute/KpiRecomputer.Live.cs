using KpiSync.Crm;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;

namespace KpiSync.Recompute;

internal sealed partial class KpiRecomputer
{
    /// <summary>
    /// Computes one week or day on the fly, the way months are computed, without storing it: stored values, schemes
    /// and pay are monthly (the pay period), while a director may still ask how last week or yesterday went.
    /// </summary>
    public async Task<IReadOnlyList<StoredKpiValue>> ComputeLiveAsync(CrmConnection connection, Period period, CancellationToken ct)
    {
        var zone = connection.ResolveTimeZone();
        var now = time.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var inputs = await LoadInputsAsync(conn, tx, connection.Id, zone, ct);
        var active = await KpiInputStore.ActiveEmployeesSinceAsync(conn, tx, connection.Id, now, ct);
        var grid = new PeriodGrid([(period.ToString(), period.Start(zone), period.End(zone))]);
        var engine = new KpiEngine(inputs.Context(zone, grid, now, active));
        await FeedAsync(conn, connection.Id, RecomputeScope.Full, keys: false, engine, ct);
        var names = await reference.GetUserNamesAsync(connection.Id, ct);
        return engine.Complete()
            .SelectMany(cell => KpiCalculator.Compute(cell.Value, inputs.Settings).Select(v => new StoredKpiValue(cell.Key.EmployeeId,
                names.GetValueOrDefault(cell.Key.EmployeeId) ?? $"user {cell.Key.EmployeeId}", period.ToString(), v.Key, v.Value, v.LowSample)))
            .OrderBy(v => v.Employee, StringComparer.Ordinal).ThenBy(v => v.EmployeeId).ThenBy(v => v.Indicator, StringComparer.Ordinal)
            .ToList();
    }
}
