using KpiSync.Kpis.Text;

namespace KpiSync.Tests.Kpis;

public sealed class CloseMatchesTests
{
    [Fact]
    public void Of_ANameThatContainsWhatWasTyped_ComesFirst_AheadOfFartherSlips() =>
        Assert.Equal(["idle_hours"], CloseMatches.Of("idle", ["idle_hours", "active_hours", "calls"]));

    [Fact]
    public void Of_IgnoresCase_AndKeepsAtMostThree_ClosestFirst() =>
        Assert.Equal(["calls", "call", "calls_in"], CloseMatches.Of("CALLS", ["calls_in", "call", "calls", "calls_out", "meetings"]));

    [Fact]
    public void Of_TooManyEdits_SuggestsNothing() =>
        Assert.Empty(CloseMatches.Of("xyz", ["revenue", "meetings"]));

    [Fact]
    public void Ordered_KeepsEveryName_ClosestFirst() =>
        Assert.Equal(["beta", "alpha"], CloseMatches.Ordered("bet", ["alpha", "beta"]));
}
