using KpiSync.Kpis.Indicators;

namespace KpiSync.Tests.Kpis;

public sealed class KpiCalculatorTests
{
    private static decimal? Value(IReadOnlyList<IndicatorValue> values, string key) => values.Single(v => v.Key == key).Value;

    [Fact]
    public void Compute_25Won75Lost_ConversionIsQuarter()
    {
        // KPI.md: "25 won, 75 lost → 0.25".
        var values = KpiCalculator.Compute(new EmployeePeriodTotals { DealsWon = 25, DealsLost = 75 }, KpiSettings.Default);

        Assert.Equal(0.25m, Value(values, IndicatorKeys.Conversion));
        Assert.False(values.Single(v => v.Key == IndicatorKeys.Conversion).LowSample);
    }

    [Fact]
    public void Compute_8Won7Lost_ShowsFourPlacesButKeepsTheExactShare()
    {
        var conversion = KpiCalculator.Compute(new EmployeePeriodTotals { DealsWon = 8, DealsLost = 7 }, KpiSettings.Default)
            .Single(v => v.Key == IndicatorKeys.Conversion);

        Assert.Equal(0.5333m, conversion.Value);
        Assert.Equal(8m / 15m, conversion.Exact);
    }

    [Fact]
    public void Compute_WinsOf100k50k30k_AverageCheckIs60000()
    {
        // KPI.md: "wins of 100 000, 50 000 and 30 000 → 60 000".
        var values = KpiCalculator.Compute(new EmployeePeriodTotals { DealsWon = 3, RevenueWon = 100_000m + 50_000m + 30_000m }, KpiSettings.Default);

        Assert.Equal(60_000.00m, Value(values, IndicatorKeys.AverageCheck));
        Assert.Equal(180_000.00m, Value(values, IndicatorKeys.Revenue));
        Assert.True(values.Single(v => v.Key == IndicatorKeys.AverageCheck).LowSample);
    }

    [Fact]
    public void Compute_AverageCheck_RoundsHalfAwayFromZeroToTheCent()
    {
        var values = KpiCalculator.Compute(new EmployeePeriodTotals { DealsWon = 8, RevenueWon = 100.20m }, KpiSettings.Default);

        Assert.Equal(12.53m, Value(values, IndicatorKeys.AverageCheck)); // 12.525 → 12.53, not banker's 12.52
    }

    [Fact]
    public void Compute_NoClosedDeals_ConversionAndAverageCheckAreNullNotZero()
    {
        var values = KpiCalculator.Compute(new EmployeePeriodTotals { CallsOut = 4 }, KpiSettings.Default);

        Assert.Null(Value(values, IndicatorKeys.Conversion));
        Assert.Null(Value(values, IndicatorKeys.AverageCheck));
        Assert.Equal(4m, Value(values, IndicatorKeys.Calls));
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, false)]
    public void Compute_ClosedDealsAroundTheMinimum_MarksConversionLowSample(int closed, bool low)
    {
        var values = KpiCalculator.Compute(new EmployeePeriodTotals { DealsWon = 10, DealsLost = closed - 10 }, KpiSettings.Default);

        Assert.Equal(low, values.Single(v => v.Key == IndicatorKeys.Conversion).LowSample);
    }

    [Fact]
    public void Compute_FunnelExampleOfferToPaid_RatioKeptToFourPlaces()
    {
        // KPI.md funnel: 60 offers → 20 paid = 0.333…
        var values = KpiCalculator.Compute(new EmployeePeriodTotals { DealsWon = 20, DealsLost = 40 }, KpiSettings.Default);

        Assert.Equal(0.3333m, Value(values, IndicatorKeys.Conversion));
    }

    [Fact]
    public void Compute_CallsSplitByDirection_AddUp()
    {
        var values = KpiCalculator.Compute(new EmployeePeriodTotals { CallsIn = 3, CallsOut = 5, CallsAttempted = 12, CallSeconds = 600 }, KpiSettings.Default);

        Assert.Equal(8m, Value(values, IndicatorKeys.Calls));
        Assert.Equal(12m, Value(values, IndicatorKeys.CallsAttempted));
        Assert.Equal(IndicatorKeys.All, values.Select(v => v.Key));
    }
}
