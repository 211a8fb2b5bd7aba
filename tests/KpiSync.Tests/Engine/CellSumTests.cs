using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Tests.Engine;

/// <summary>A cell's sum moved by taking parts out must print exactly as the parts that stay summed afresh.</summary>
public sealed class CellSumTests
{
    [Fact]
    public void Subtract_APartWithALargerScale_LeavesTheScaleOfTheRest()
    {
        var sum = Sum(Part(revenue: 1.50m), Part(revenue: 2.5m));
        Assert.Equal("4.00", sum.Totals.RevenueWon.ToString(System.Globalization.CultureInfo.InvariantCulture));

        sum.Subtract(Part(revenue: 1.50m));
        sum.NormalizeScales();

        Assert.Equal("2.5", sum.Totals.RevenueWon.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Subtract_EveryPart_LeavesZeroWithoutScale()
    {
        var sum = Sum(Part(revenue: 1.50m));
        sum.Subtract(Part(revenue: 1.50m));
        sum.NormalizeScales();

        Assert.Equal("0", sum.Totals.RevenueWon.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, sum.Parts);
    }

    [Fact]
    public void Subtract_AResponse_TakesOutTheOneOfTheSameScale()
    {
        var sum = Sum(Part(response: 30.5m), Part(response: 30.50m));
        sum.Subtract(Part(response: 30.50m));

        var left = Assert.Single(sum.Totals.ResponseMinutes);
        Assert.Equal(1, left.Scale);
    }

    [Fact]
    public void Subtract_AProductSoldTwice_KeepsItSold()
    {
        var sum = Sum(Part(product: "P1"), Part(product: "P1"), Part(product: "P2"));
        sum.Subtract(Part(product: "P1"));
        sum.Subtract(Part(product: "P2"));

        Assert.Equal(["P1"], sum.Totals.ProductsSold);
    }

    [Fact]
    public void Subtract_FunnelAndAttention_DropEntriesNoPartHolds()
    {
        var a = Part();
        a.Funnel[10] = new FunnelCount(1, 1);
        a.Attention["SMB"] = new AttentionCount(3, 1);
        var b = Part();
        b.Funnel[20] = new FunnelCount(1, 0);
        var sum = Sum(a, b);

        sum.Subtract(a);

        Assert.Equal([20L], sum.Totals.Funnel.Keys);
        Assert.Empty(sum.Totals.Attention);
    }

    private static CellSum Sum(params EmployeePeriodTotals[] parts)
    {
        var sum = new CellSum();
        foreach (var p in parts)
        {
            sum.Add(p);
        }

        return sum;
    }

    private static EmployeePeriodTotals Part(decimal revenue = 0, decimal? response = null, string? product = null)
    {
        var t = new EmployeePeriodTotals { RevenueWon = revenue, DealsWon = revenue == 0 ? 0 : 1 };
        if (response is { } m)
        {
            t.ResponseMinutes.Add(m);
        }

        if (product is not null)
        {
            t.ProductsSold.Add(product);
        }

        return t;
    }
}
