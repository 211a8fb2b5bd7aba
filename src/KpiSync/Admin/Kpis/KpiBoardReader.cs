using KpiSync.Crm;
using KpiSync.Storage;

namespace KpiSync.Admin.Kpis;

/// <summary>Reads a period's <see cref="KpiBoard"/> from the stored values, plans, schemes, payouts and adjustments
/// (a handful of indexed queries; nothing is recomputed), with the account's currency.</summary>
internal sealed class KpiBoardReader(KpiValueStore values, SchemeStore schemes, PeriodStore periods, ConnectionStore connections)
{
    public async Task<KpiBoard> ReadAsync(CrmConnection connection, string period, CancellationToken ct)
    {
        var c = connection.Id;
        var stored = await values.GetPeriodAsync(c, period, ct);
        var payouts = (await values.GetPayoutsAsync(c, period, ct)).ToDictionary(p => p.EmployeeId);
        var adjustments = (await values.GetAdjustmentsAsync(c, period, ct)).ToDictionary(a => (a.EmployeeId, a.Indicator));
        var book = await schemes.BookAsync(c, ct);
        var status = (await periods.ListAsync(c, ct)).FirstOrDefault(p => p.Period == period);
        var rows = new List<KpiBoardRow>();
        foreach (var employee in stored.GroupBy(v => (v.EmployeeId, v.Employee)))
        {
            var id = employee.Key.EmployeeId;
            var plans = book.PlansFor(id, period);
            var weighted = book.SchemeFor(id, period)?.Scheme.Indicators.Where(i => i.Weight > 0).Select(i => i.Key).ToHashSet(StringComparer.Ordinal) ?? [];
            var cells = employee.ToDictionary(v => v.Indicator, v => new KpiCell(v.Value, v.LowSample, plans.TryGetValue(v.Indicator, out var p) ? p : null,
                weighted.Contains(v.Indicator), adjustments.GetValueOrDefault((id, v.Indicator))), StringComparer.Ordinal);
            rows.Add(new KpiBoardRow(id, employee.Key.Employee, cells, payouts.GetValueOrDefault(id)));
        }

        return new KpiBoard(connection, period, status, rows, await connections.GetCurrencyAsync(c, ct));
    }
}
