using KpiSync.Crm;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.Extensions.Options;

namespace KpiSync.Recompute;

/// <summary>
/// Recomputes a connection's monthly KPIs: one set-based aggregate in PostgreSQL, the rules in pure C#
/// (<see cref="KpiCalculator"/>), and one replacing write. Every active employee gets a row for the current month
/// even before their first activity, so the CRM shows 0 calls rather than nothing.
/// </summary>
internal sealed class KpiRecomputer(
    FunnelEventStore facts,
    ReferenceDataStore reference,
    KpiValueStore values,
    IOptions<KpiOptions> options,
    TimeProvider time,
    ILogger<KpiRecomputer> logger)
{
    public async Task<int> RecomputeAsync(CrmConnection connection, CancellationToken ct)
    {
        var zone = connection.ResolveTimeZone();
        var settings = options.Value.ToSettings();
        var totals = await facts.AggregateMonthsAsync(connection.Id, zone.Id, ct);
        var current = MonthPeriod.Containing(time.GetUtcNow(), zone).ToString();
        var rows = totals.ToDictionary(t => (t.EmployeeId, t.Period), t => t.Totals);
        foreach (var employee in (await reference.GetUserNamesAsync(connection.Id, ct)).Keys)
        {
            rows.TryAdd((employee, current), new EmployeePeriodTotals());
        }

        var computed = rows
            .SelectMany(r => KpiCalculator.Compute(r.Value, settings)
                .Select(v => new KpiValueRow(r.Key.EmployeeId, r.Key.Period, v.Key, v.Value, v.LowSample, v.Explanation)))
            .ToList();
        var changed = await values.ReplaceAllAsync(connection.Id, computed, ct);
        logger.LogInformation("Recomputed {Connection}: {EmployeePeriods} employee-months, {Changed} values changed",
            connection.Name, rows.Count, changed);
        return changed;
    }
}
