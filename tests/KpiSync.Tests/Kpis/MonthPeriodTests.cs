using KpiSync.Kpis.Periods;

namespace KpiSync.Tests.Kpis;

public sealed class MonthPeriodTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Theory]
    [InlineData("2026-10", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-1", false)]
    [InlineData("oct", false)]
    [InlineData(null, false)]
    public void TryParse_Text_AcceptsOnlyYyyyMm(string? text, bool ok) => Assert.Equal(ok, MonthPeriod.TryParse(text, out _));

    [Fact]
    public void Containing_LateEveningUtcOnTheLastDay_IsNextMonthInMoscow()
    {
        var instant = new DateTimeOffset(2026, 10, 31, 21, 30, 0, TimeSpan.Zero); // 00:30 on 1 November in Moscow

        Assert.Equal("2026-11", MonthPeriod.Containing(instant, Moscow).ToString());
        Assert.Equal("2026-10", MonthPeriod.Containing(instant, TimeZoneInfo.Utc).ToString());
    }

    [Fact]
    public void StartAndEnd_AreLocalMidnightsHalfOpen()
    {
        var p = new MonthPeriod(2026, 10);

        Assert.Equal(new DateTimeOffset(2026, 9, 30, 21, 0, 0, TimeSpan.Zero), p.Start(Moscow).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 21, 0, 0, TimeSpan.Zero), p.End(Moscow).ToUniversalTime());
    }
}
