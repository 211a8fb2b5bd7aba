using KpiSync.Admin.Kpis;

namespace KpiSync.Tests.Admin;

public sealed class GoalChartTests
{
    [Fact]
    public void FactVsPlan_EncodesLabels_BarsScaleToThePlanMarker()
    {
        var svg = GoalChart.FactVsPlan([new PlanBar("<script>", 20, 20, false, "20 / 20"), new PlanBar("Idle", 30, 20, true, "30 / 20"), new PlanBar("No plan", 5, null, false, "5")]);

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        // Scale 150 % (the best ratio): the plan marker sits at 220 / 1.5 ≈ 146.7 px into the bar area, a met plan's bar ends on it.
        Assert.Contains("<line x1=\"296.7\"", svg, StringComparison.Ordinal);
        Assert.Contains("width=\"146.7\" height=\"14\" fill=\"#17723a\"", svg, StringComparison.Ordinal);
        Assert.Contains("width=\"220\" height=\"14\" fill=\"#3b7dd8\"", svg, StringComparison.Ordinal);   // idle over plan: not met
        Assert.Equal(2, svg.Split("<rect").Length - 1);
    }

    [Fact]
    public void IndexHistory_OneColumnPerMonth_MissingMonthsShowADash()
    {
        var svg = GoalChart.IndexHistory([("2026-09", 1.2m), ("2026-10", null)]);

        Assert.Contains(">120 %</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">—</text>", svg, StringComparison.Ordinal);
        Assert.Single(svg.Split("<rect").Skip(1));
    }
}
