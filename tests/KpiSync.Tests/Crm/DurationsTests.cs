using KpiSync.Crm;

namespace KpiSync.Tests.Crm;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(250, "250 ms")]
    [InlineData(2500, "2.5 s")]
    [InlineData(1000, "1 s")]
    [InlineData(42_000, "42 s")]
    [InlineData(90_000, "1 min 30 s")]
    [InlineData(120_000, "2 min")]
    [InlineData(7_500_000, "2 h 5 min")]
    public void Human_Delay_ReadsInUnits(int milliseconds, string expected) =>
        Assert.Equal(expected, Durations.Human(TimeSpan.FromMilliseconds(milliseconds)));
}
