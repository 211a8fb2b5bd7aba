using System.Globalization;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Tests.Kpis;

public sealed class PercentilesTests
{
    [Fact]
    public void Median_NoValues_IsNull()
    {
        Assert.Null(Percentiles.Median([]));
        Assert.Null(Percentiles.P90([]));
    }

    [Fact]
    public void Median_OddAndEvenCounts_MiddleOrMeanOfTheMiddleTwo()
    {
        Assert.Equal(7m, Percentiles.Median([7m]));
        Assert.Equal(3m, Percentiles.Median([5m, 1m, 3m]));
        Assert.Equal(2.5m, Percentiles.Median([4m, 1m, 3m, 2m]));
    }

    [Fact]
    public void P90_TenValues_InterpolatesLikePercentileCont()
    {
        // percentile_cont(0.9) over 1..10: position 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9) = 9.1.
        decimal[] minutes = [10m, 9m, 8m, 7m, 6m, 5m, 4m, 3m, 2m, 1m];

        Assert.Equal(9.1m, Percentiles.P90(minutes));
    }

    [Theory]
    [InlineData("0", "10")]
    [InlineData("1", "40")]
    [InlineData("0.25", "17.5")]
    [InlineData("0.5", "25")]
    public void Percentile_AtAndBetweenRanks_InterpolatesLinearly(string p, string expected)
    {
        decimal[] values = [40m, 10m, 30m, 20m];

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Percentiles.Percentile(values, decimal.Parse(p, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Percentile_DoesNotReorderTheCallersList()
    {
        decimal[] values = [3m, 1m, 2m];

        Percentiles.Median(values);

        Assert.Equal([3m, 1m, 2m], values);
    }

    [Fact]
    public void Percentile_OutsideZeroToOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Percentile([1m], 1.5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Percentile([1m], -0.1m));
    }
}
