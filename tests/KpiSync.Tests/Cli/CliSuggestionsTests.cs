using KpiSync.Cli;

namespace KpiSync.Tests.Cli;

public sealed class CliSuggestionsTests
{
    [Theory]
    [InlineData("callz", "calls")]
    [InlineData("conversoin", "conversion")]
    [InlineData("CALLS_OUT", "calls_out")]
    [InlineData("revenu", "revenue")]
    public void Closest_OneOrTwoSlips_FindsTheKey(string typed, string expected) =>
        Assert.Equal(expected, CliSuggestions.Closest(typed, KpiSync.Kpis.Indicators.IndicatorKeys.All)[0]);

    [Fact]
    public void Closest_NothingNear_SuggestsNothing() =>
        Assert.Empty(CliSuggestions.Closest("xyzzy", ["alpha", "beta"]));

    [Fact]
    public void DidYouMean_TwoClose_NamesBoth() =>
        Assert.Equal("; did you mean 'demo1' or 'demo2'?", CliSuggestions.DidYouMean("demo", ["demo1", "demo2", "other"]));
}
