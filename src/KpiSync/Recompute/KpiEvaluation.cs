using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Kpis.Schemes;
using KpiSync.Storage;

namespace KpiSync.Recompute;

/// <summary>Turns the engine's cells into stored rows: every indicator, and — where a scheme applies — the KPI index and pay.</summary>
internal static class KpiEvaluation
{
    public static Evaluated Evaluate(IEnumerable<KeyValuePair<CellKey, EmployeePeriodTotals>> cells, PeriodGrid grid, KpiSettings settings, SchemeBook book)
    {
        var values = new List<KpiValueRow>();
        var payouts = new List<PayoutRow>();
        var count = 0;
        foreach (var (cell, totals) in cells)
        {
            count++;
            var period = grid.Key(cell.Period);
            var indicators = KpiCalculator.Compute(totals, settings);
            foreach (var v in indicators)
            {
                values.Add(new KpiValueRow(cell.EmployeeId, period, v.Key, v.Value, v.LowSample, v.Explanation));
            }

            if (book.SchemeFor(cell.EmployeeId, period) is not { } applied)
            {
                continue;
            }

            // Exact values: KPI.md rounds once, at the end, so a rounded share must not move the index or pay.
            var facts = indicators.ToDictionary(v => v.Key, v => v.Exact, StringComparer.Ordinal);
            var outcome = SchemeEvaluator.Evaluate(applied.Scheme, facts, book.PlansFor(cell.EmployeeId, period));
            values.Add(IndexValue(cell.EmployeeId, period, applied.Version, outcome));
            values.Add(PayValue(cell.EmployeeId, period, applied.Version, outcome.Pay));
            payouts.Add(new PayoutRow(cell.EmployeeId, period, applied.Version.Name, applied.Version.Version, outcome.Index, outcome.Terms, outcome.Pay));
        }

        return new Evaluated(values, payouts, count);
    }

    private static KpiValueRow IndexValue(long employee, string period, SchemeVersionRow version, SchemeOutcome outcome)
    {
        var inputs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var t in outcome.Terms)
        {
            inputs[t.Key] = t.Contribution;
        }

        return new KpiValueRow(employee, period, IndicatorKeys.KpiIndex, outcome.Index, false,
            new Explanation($"Σ weight × ratio over scheme {version.Name} v{version.Version}", inputs));
    }

    private static KpiValueRow PayValue(long employee, string period, SchemeVersionRow version, PayBreakdown pay) =>
        new(employee, period, IndicatorKeys.PayTotal, pay.Total, false,
            new Explanation($"fixed + bonus − penalties (scheme {version.Name} v{version.Version})", new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["fixed"] = pay.Fixed, ["bonus"] = pay.Bonus, ["penalties"] = pay.Penalties,
            }));
}

internal sealed record Evaluated(IReadOnlyList<KpiValueRow> Values, IReadOnlyList<PayoutRow> Payouts, int Cells);
