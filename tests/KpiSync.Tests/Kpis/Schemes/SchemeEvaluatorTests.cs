using System.Globalization;
using KpiSync.Kpis.Schemes;
using static KpiSync.Tests.Kpis.Schemes.SchemeExamples;

namespace KpiSync.Tests.Kpis.Schemes;

public sealed class SchemeEvaluatorTests
{
    [Fact]
    public void Evaluate_KpiMdIndexExample_Is1_1375Exactly()
    {
        // KPI.md: weights 0.5 / 0.25 / 0.25, plan 20 / 20 / 20, fact 22 / 17 / 30 → 0.55 + 0.2125 + 0.375 = 1.1375.
        var outcome = SchemeEvaluator.Evaluate(With(0m), ThreeFacts, ThreePlans);

        Assert.Equal(1.1375m, outcome.Index);
        Assert.Equal([0.55m, 0.2125m, 0.375m], outcome.Terms.Select(t => t.Contribution));
        Assert.Equal([1.1m, 0.85m, 1.5m], outcome.Terms.Select(t => t.Ratio!.Value));
        Assert.Equal("fact / plan = 22 / 20", outcome.Terms[0].Note);
    }

    [Fact]
    public void Evaluate_IndexOfManyDigits_FormulaShowsSixPlacesAmountStaysExact()
    {
        // calls 11 / plan 7: the index 0.5 × 11/7 + 0.25 × 0.85 + 0.25 × 1.5 is exact to 28 digits.
        var facts = new Dictionary<string, decimal?>(ThreeFacts) { ["calls"] = 11m };
        var plans = new Dictionary<string, decimal>(ThreePlans) { ["calls"] = 7m };

        var outcome = SchemeEvaluator.Evaluate(With(0m, new LinearBonus(240m, 0.7m)), facts, plans);

        Assert.Equal(0.5m * (11m / 7m) + 0.2125m + 0.375m, outcome.Index);
        Assert.Equal("240 × 1.373214 (index ≥ 0.7)", Assert.Single(outcome.Pay.Lines).Formula);
        Assert.Equal("fact / plan = 11 / 7", outcome.Terms[0].Note);
        Assert.Equal(329.57m, outcome.Pay.Total);
    }

    [Fact]
    public void Evaluate_LinearBonusAtIndex1_1375_Pays833()
    {
        // KPI.md: fixed 560, variable 240, index 1.1375 → 560 + 273.00 = 833.00.
        var pay = SchemeEvaluator.Evaluate(With(560m, new LinearBonus(240m, 0.7m)), ThreeFacts, ThreePlans).Pay;

        Assert.Equal(833.00m, pay.Total);
        Assert.Equal(273.00m, pay.Bonus);
        Assert.Equal(0m, pay.Penalties);
        Assert.Equal("240 × 1.1375 (index ≥ 0.7)", Assert.Single(pay.Lines).Formula);
    }

    [Fact]
    public void Evaluate_LinearBonusBelowThreshold_PaysFixedOnly()
    {
        var facts = Facts(("calls", 10m), ("meetings", 10m), ("deals_won", 10m)); // index 0.5
        var pay = SchemeEvaluator.Evaluate(With(560m, new LinearBonus(240m, 0.7m)), facts, ThreePlans).Pay;

        Assert.Equal(560m, pay.Total);
        Assert.Equal(0m, pay.Bonus);
        Assert.StartsWith("0: index 0.5 < threshold 0.7", pay.Lines[0].Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LinearBonusExactlyAtThreshold_Pays()
    {
        Assert.Equal(168m, AtIndex(0.7m, new LinearBonus(240m, 0.7m)).Pay.Total);
    }

    [Fact]
    public void Evaluate_BandTableAtIndex1_1375_Pays360()
    {
        // KPI.md: variable 240, index 1.1375 → 240 × 1.5 = 360.
        var pay = SchemeEvaluator.Evaluate(With(0m, new BandTable(240m)), ThreeFacts, ThreePlans).Pay;

        Assert.Equal(360.00m, pay.Total);
        Assert.Equal("240 × 1.5 (index 1.1375 in [1.1, ∞))", pay.Lines[0].Formula);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0.6999", "0")]
    [InlineData("0.70", "0.6")]
    [InlineData("0.7999", "0.6")]
    [InlineData("0.80", "0.7")]
    [InlineData("0.90", "0.8")]
    [InlineData("0.96", "0.9")]
    [InlineData("0.99", "1.0")]
    [InlineData("1.0199", "1.0")]
    [InlineData("1.02", "1.3")]
    [InlineData("1.06", "1.4")]
    [InlineData("1.0999", "1.4")]
    [InlineData("1.10", "1.5")]
    [InlineData("3", "1.5")]
    public void Evaluate_DefaultBandsAtEachEdge_PickHalfOpenCoefficient(string index, string coefficient)
    {
        var pay = AtIndex(decimal.Parse(index, CultureInfo.InvariantCulture), new BandTable(240m)).Pay;

        Assert.Equal(Money(240m * decimal.Parse(coefficient, CultureInfo.InvariantCulture)), pay.Total);
    }

    [Fact]
    public void Evaluate_CustomBandsIndexBelowFirst_PaysZero()
    {
        var table = new BandTable(1000m, [new Band(0.5m, 1m, 0.5m), new Band(1m, null, 1m)]);

        Assert.Equal(0m, AtIndex(0.49m, table).Pay.Total);
        Assert.Equal(500m, AtIndex(0.5m, table).Pay.Total);
        Assert.Equal(1000m, AtIndex(1m, table).Pay.Total);
    }

    [Fact]
    public void Evaluate_SalaryActionsTargetsMetAndSalesOverCritical_Pays47000()
    {
        // KPI.md: salary 15 000 + actions reward 15 000 (targets met) + max(0, 100 000 − 15 000) × 20 % = 47 000.
        var scheme = new KpiScheme("sales", [], 15_000m,
        [
            new ActionsReward(15_000m, new Dictionary<string, decimal> { ["calls"] = 100m, ["decision_maker_talks"] = 70m, ["offers_sent"] = 60m }),
            new SalesBonus(15_000m, 0.2m),
        ]);
        var facts = Facts(("calls", 104m), ("decision_maker_talks", 70m), ("offers_sent", 61m), ("revenue", 100_000m));

        var outcome = SchemeEvaluator.Evaluate(scheme, facts, NoPlans());

        Assert.Equal(47_000.00m, outcome.Pay.Total);
        Assert.Equal([15_000m, 17_000m], outcome.Pay.Lines.Select(l => l.Amount));
        Assert.Null(outcome.Index);
        Assert.Equal("max(0, revenue 100000 − 15000) × 0.2", outcome.Pay.Lines[1].Formula);
    }

    [Fact]
    public void Evaluate_ActionsNotMet_PaysNothingOrProRataByTheWeakestTarget()
    {
        var targets = new Dictionary<string, decimal> { ["calls"] = 100m, ["offers_sent"] = 60m };
        var facts = Facts(("calls", 80m), ("offers_sent", 90m));

        var allOrNothing = SchemeEvaluator.Evaluate(new KpiScheme("a", [], 0m, [new ActionsReward(15_000m, targets)]), facts, NoPlans());
        var proRata = SchemeEvaluator.Evaluate(new KpiScheme("a", [], 0m, [new ActionsReward(15_000m, targets, ProRata: true)]), facts, NoPlans());

        Assert.Equal(0m, allOrNothing.Pay.Total);
        Assert.Equal("0: targets not met (calls 80/100, offers_sent 90/60)", allOrNothing.Pay.Lines[0].Formula);
        Assert.Equal(12_000m, proRata.Pay.Total); // calls at 80 % sets the share; offers over target do not make up for it
    }

    [Fact]
    public void Evaluate_ActionsMissingFact_CountsZeroWithANote()
    {
        var scheme = new KpiScheme("a", [], 0m, [new ActionsReward(100m, new Dictionary<string, decimal> { ["calls"] = 10m }, ProRata: true)]);

        var line = SchemeEvaluator.Evaluate(scheme, Facts(), NoPlans()).Pay.Lines[0];

        Assert.Equal(0m, line.Amount);
        Assert.Contains("no fact calls, counted as 0", line.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SalesBelowCritical_PaysNoBonus()
    {
        var scheme = new KpiScheme("s", [], 15_000m, [new SalesBonus(15_000m, 0.2m)]);

        Assert.Equal(15_000m, SchemeEvaluator.Evaluate(scheme, Facts(("revenue", 9_000m)), NoPlans()).Pay.Total);
    }

    [Fact]
    public void Evaluate_HourlyPayOverPlan_PaysHoursPlanBonusAndShare()
    {
        // 160 h × 300 + (600 000 ≥ 500 000 ? 10 000 : 0) + (600 000 − 500 000) × 0.05 = 48 000 + 10 000 + 5 000.
        var scheme = new KpiScheme("h", [], 0m, [new HourlyPay("active_hours", 300m, "revenue", 10_000m, 0.05m)]);
        var facts = Facts(("active_hours", 160m), ("revenue", 600_000m));
        var plans = new Dictionary<string, decimal> { ["revenue"] = 500_000m };

        Assert.Equal(63_000m, SchemeEvaluator.Evaluate(scheme, facts, plans).Pay.Total);
    }

    [Theory]
    [InlineData(499_999, 48_000)]
    [InlineData(500_000, 58_000)]
    [InlineData(500_010, 58_000.5)]
    public void Evaluate_HourlyPayAroundPlan_PlanBonusFromTheFirstUnitAtPlan(decimal revenue, decimal total)
    {
        var scheme = new KpiScheme("h", [], 0m, [new HourlyPay("active_hours", 300m, "revenue", 10_000m, 0.05m)]);
        var facts = Facts(("active_hours", 160m), ("revenue", revenue));

        Assert.Equal(total, SchemeEvaluator.Evaluate(scheme, facts, new Dictionary<string, decimal> { ["revenue"] = 500_000m }).Pay.Total);
    }

    [Fact]
    public void Evaluate_HourlyPayWithoutPlan_PaysHoursOnlyAndSaysWhy()
    {
        var scheme = new KpiScheme("h", [], 0m, [new HourlyPay("active_hours", 300m, "revenue", 10_000m, 0.05m)]);

        var line = SchemeEvaluator.Evaluate(scheme, Facts(("active_hours", 10m), ("revenue", 1m)), NoPlans()).Pay.Lines[0];

        Assert.Equal(3_000m, line.Amount);
        Assert.Contains("no plan for revenue", line.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_IdlePenalty_SubtractsIdleHoursTimes100RoundedOnce()
    {
        // KPI.md's idle day: 5 h 28 min idle = 328/60 h; × 100 = 546.666… → 546.67 only at the end.
        var scheme = new KpiScheme("p", [], 30_000m, [new PerUnitPenalty("idle_hours", 100m)]);

        var pay = SchemeEvaluator.Evaluate(scheme, Facts(("idle_hours", 328m / 60m)), NoPlans()).Pay;

        Assert.Equal(29_453.33m, pay.Total);
        Assert.Equal(546.67m, pay.Penalties);
        Assert.Equal(0m, pay.Bonus);
        Assert.True(pay.Lines[0].Amount < 0m);
        Assert.Equal(pay.Total, pay.Fixed + pay.Bonus - pay.Penalties);
    }

    [Fact]
    public void Evaluate_IndicatorBonuses_SumEachIndicatorsReward()
    {
        var scheme = new KpiScheme("r",
        [
            new("calls", 0.5m, Direction.HigherIsBetter, Reward: new IndicatorReward(2_000m, MinRatio: 1m)),
            new("conversion", 0.5m, Direction.HigherIsBetter, Reward: new IndicatorReward(1_000m, MinRatio: 1m)),
            new("new_clients", 0m, Direction.HigherIsBetter, Reward: new IndicatorReward(500m, PerUnit: true)),
        ], 0m, [new IndicatorBonuses()]);
        var facts = Facts(("calls", 110m), ("conversion", 0.17m), ("new_clients", 3m));
        var plans = new Dictionary<string, decimal> { ["calls"] = 100m, ["conversion"] = 0.2m };

        var outcome = SchemeEvaluator.Evaluate(scheme, facts, plans);

        Assert.Equal(3_500m, outcome.Pay.Total); // 2 000 (calls at 110 %) + 0 (conversion at 85 %) + 3 × 500
        Assert.Equal("calls: 2000 + conversion: 0 (ratio 0.85 < 1) + new_clients: 3 × 500", outcome.Pay.Lines[0].Formula);
        Assert.Equal(0.975m, outcome.Index); // new_clients has weight 0 and no plan: outside the index
    }

    [Fact]
    public void Evaluate_LowerIsBetterFactZero_RatioIsTheCapOrDefaultCap()
    {
        SchemeIndicator[] capped = [new("idle_hours", 1m, Direction.LowerIsBetter, Cap: 1.5m)];
        SchemeIndicator[] uncapped = [new("idle_hours", 1m, Direction.LowerIsBetter)];
        var plans = new Dictionary<string, decimal> { ["idle_hours"] = 10m };

        Assert.Equal(1.5m, SchemeEvaluator.Evaluate(new("c", capped, 0m, []), Facts(("idle_hours", 0m)), plans).Index);
        Assert.Equal(SchemeIndicator.DefaultLowerIsBetterCap, SchemeEvaluator.Evaluate(new("u", uncapped, 0m, []), Facts(("idle_hours", 0m)), plans).Index);
    }

    [Fact]
    public void Evaluate_LowerIsBetter_RatioIsPlanOverFactAndClippedAtTheCap()
    {
        SchemeIndicator[] idle = [new("idle_hours", 1m, Direction.LowerIsBetter, Cap: 1.5m)];
        var plans = new Dictionary<string, decimal> { ["idle_hours"] = 10m };

        var half = SchemeEvaluator.Evaluate(new("i", idle, 0m, []), Facts(("idle_hours", 20m)), plans);
        var clipped = SchemeEvaluator.Evaluate(new("i", idle, 0m, []), Facts(("idle_hours", 5m)), plans);

        Assert.Equal(0.5m, half.Index);
        Assert.Equal(1.5m, clipped.Index);
        Assert.Equal("plan / fact = 10 / 5 = 2, capped at 1.5", clipped.Terms[0].Note);
    }

    [Fact]
    public void Evaluate_HigherIsBetterOverCap_IsClipped()
    {
        SchemeIndicator[] calls = [new("calls", 1m, Direction.HigherIsBetter, Cap: 1.5m)];

        var outcome = SchemeEvaluator.Evaluate(new("c", calls, 0m, []), Facts(("calls", 40m)), new Dictionary<string, decimal> { ["calls"] = 20m });

        Assert.Equal(1.5m, outcome.Index);
    }

    [Fact]
    public void Evaluate_NullFact_RatioZeroWithANote()
    {
        // Conversion with no closed deals is null (KPI.md); in the index it counts as 0 so its weight is not moved elsewhere.
        var facts = new Dictionary<string, decimal?>(ThreeFacts) { ["deals_won"] = null };

        var outcome = SchemeEvaluator.Evaluate(With(0m), facts, ThreePlans);

        Assert.Equal(0.7625m, outcome.Index);
        Assert.Equal(0m, outcome.Terms[2].Ratio);
        Assert.Null(outcome.Terms[2].Fact);
        Assert.Contains("counted as 0", outcome.Terms[2].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingPlan_IndexNullAndIndexComponentsPayZeroSayingWhy()
    {
        var plans = new Dictionary<string, decimal>(ThreePlans);
        plans.Remove("meetings");
        var scheme = With(560m, new LinearBonus(240m, 0.7m), new BandTable(240m), new SalesBonus(0m, 0.1m));

        var outcome = SchemeEvaluator.Evaluate(scheme, new Dictionary<string, decimal?>(ThreeFacts) { ["revenue"] = 1_000m }, plans);

        Assert.Null(outcome.Index);
        Assert.Null(outcome.Terms[1].Ratio);
        Assert.Equal([0m, 0m, 100m], outcome.Pay.Lines.Select(l => l.Amount));
        Assert.Equal("0: no KPI index (no usable plan for meetings)", outcome.Pay.Lines[0].Formula);
        Assert.Equal(660m, outcome.Pay.Total);
    }

    [Fact]
    public void Evaluate_ZeroPlanForHigherIsBetter_IsNotUsable()
    {
        var plans = new Dictionary<string, decimal>(ThreePlans) { ["calls"] = 0m };

        Assert.Null(SchemeEvaluator.Evaluate(With(0m), ThreeFacts, plans).Index);
    }

    [Fact]
    public void Evaluate_IndexIsNotRoundedBeforePay()
    {
        // Ratio 1/3 unrounded: 300 × 0.333… = 99.999… → 100.00; a 4-place index (0.3333) would give 99.99.
        SchemeIndicator[] one = [new("calls", 1m, Direction.HigherIsBetter)];
        var scheme = new KpiScheme("third", one, 0m, [new LinearBonus(300m, 0m)]);

        var outcome = SchemeEvaluator.Evaluate(scheme, Facts(("calls", 1m)), new Dictionary<string, decimal> { ["calls"] = 3m });

        Assert.Equal(100.00m, outcome.Pay.Total);
    }

    [Fact]
    public void Evaluate_TwoHalfCentLines_RoundsTheTotalNotEachLine()
    {
        // 5.005 + 5.005 = 10.01; rounding each line first would give 5.01 + 5.01 = 10.02.
        var scheme = new KpiScheme("cents", [], 100m,
        [
            new HourlyPay("active_hours", 5m, "revenue", 0m, 0m),
            new SalesBonus(0m, 0.5m),
        ]);
        var facts = Facts(("active_hours", 1.001m), ("revenue", 10.01m));

        var pay = SchemeEvaluator.Evaluate(scheme, facts, NoPlans()).Pay;

        Assert.Equal([5.005m, 5.005m], pay.Lines.Select(l => l.Amount));
        Assert.Equal(110.01m, pay.Total);
        Assert.Equal(10.01m, pay.Bonus);
    }

    [Fact]
    public void Evaluate_BonusAndPenaltyHalfCents_BreakdownStillAddsUp()
    {
        // Bonus 0.015, penalty 0.004: total 100.011 → 100.01, penalties 0.00, so the bonus shown is 0.01.
        var scheme = new KpiScheme("cents", [], 100m, [new SalesBonus(0m, 0.5m), new PerUnitPenalty("idle_hours", 0.001m)]);

        var pay = SchemeEvaluator.Evaluate(scheme, Facts(("revenue", 0.03m), ("idle_hours", 4m)), NoPlans()).Pay;

        Assert.Equal(100.01m, pay.Total);
        Assert.Equal(pay.Total, pay.Fixed + pay.Bonus - pay.Penalties);
    }

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
