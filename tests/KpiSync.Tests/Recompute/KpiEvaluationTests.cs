using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Recompute;
using KpiSync.Storage;

namespace KpiSync.Tests.Recompute;

public sealed class KpiEvaluationTests
{
    private const string Period = "2026-10";

    [Fact]
    public void Evaluate_ConversionOf8In15_PaysFromTheExactShareNotTheRoundedOne()
    {
        // KPI.md: ratio = fact / plan, index = Σ weight × ratio, linear bonus = variable × index, rounded once at the end.
        // 8 / 15 / 0.5 × 100 000 = 106 666.666… → 106 666.67; from the shown share 0.5333 it would be 106 660.00.
        const string scheme = """
            { "name": "closer", "fixed": 1000,
              "indicators": [ { "key": "conversion", "weight": 1, "direction": "higher_is_better" } ],
              "components": [ { "kind": "linear_bonus", "variable": 100000, "threshold": 0.7 } ] }
            """;

        var evaluated = Evaluate(scheme, new EmployeePeriodTotals { DealsWon = 8, DealsLost = 7 }, ("conversion", 0.5m));

        Assert.Equal(0.5333m, Single(evaluated, IndicatorKeys.Conversion));
        Assert.Equal(1000m + 106_666.67m, Single(evaluated, IndicatorKeys.PayTotal));
        Assert.Equal(8m / 15m / 0.5m, Single(evaluated, IndicatorKeys.KpiIndex));
    }

    [Fact]
    public void Evaluate_IdlePenalty_UsesExactIdleHoursNotTheShownOnes()
    {
        // KPI.md's idle day: covered 2 h 32 min of 8 h, idle 5 h 28 min = 5.4666… h; at 100 per idle hour the penalty is
        // 546.67 (from the shown 5.47 h it would be 547.00).
        const string scheme = """
            { "name": "idle", "fixed": 1000,
              "components": [ { "kind": "per_unit_penalty", "indicator": "idle_hours", "amount": 100 } ] }
            """;
        var totals = new EmployeePeriodTotals { NominalSeconds = 8 * 3600, CoveredSeconds = (2 * 60 + 32) * 60 };

        var evaluated = Evaluate(scheme, totals);

        Assert.Equal(5.47m, Single(evaluated, IndicatorKeys.IdleHours));
        Assert.Equal(1000m - 546.67m, Single(evaluated, IndicatorKeys.PayTotal));
    }

    private static Evaluated Evaluate(string scheme, EmployeePeriodTotals totals, params (string Key, decimal Plan)[] plans)
    {
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var grid = new PeriodGrid([(Period, start, start.AddMonths(1))]);
        var book = new SchemeBook(
            [new SchemeVersionRow("s", 1, Period, "test", start, scheme)],
            [new AssignmentRow(7, Period, "s", "test", start)],
            new() { [(7, Period)] = plans.ToDictionary(p => p.Key, p => p.Plan, StringComparer.Ordinal) });
        return KpiEvaluation.Evaluate([new(new CellKey(7, 0), totals)], grid, KpiSettings.Default, book);
    }

    private static decimal? Single(Evaluated evaluated, string key) => evaluated.Values.Single(v => v.Indicator == key).Value;
}
