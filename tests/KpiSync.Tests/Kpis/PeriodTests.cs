using System.Globalization;
using KpiSync.Kpis.Periods;

namespace KpiSync.Tests.Kpis;

public sealed class PeriodTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Kiritimati = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati"); // UTC+14

    [Theory]
    [InlineData("2026-10", PeriodKind.Month, "2026-10-01")]
    [InlineData("2026-W43", PeriodKind.Week, "2026-10-19")]
    [InlineData("2026-W01", PeriodKind.Week, "2025-12-29")]
    [InlineData("2026-W53", PeriodKind.Week, "2026-12-28")]
    [InlineData("2026-10-20", PeriodKind.Day, "2026-10-20")]
    public void TryParse_EachForm_ReadsKindAndFirstDayAndWritesItBack(string text, PeriodKind kind, string first)
    {
        Assert.True(Period.TryParse(text, out var p));

        Assert.Equal(kind, p.Kind);
        Assert.Equal(DateOnly.Parse(first, CultureInfo.InvariantCulture), p.First);
        Assert.Equal(text, p.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-10")]
    [InlineData("2026-W54")]
    [InlineData("2027-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-w43")]
    [InlineData("2026-W4")]
    [InlineData("2026-02-30")]
    [InlineData("2026-10-20T00:00")]
    [InlineData(" 2026-10")]
    public void TryParse_Malformed_IsRejected(string? text) => Assert.False(Period.TryParse(text, out _));

    [Fact]
    public void Of_Dec31_2026_IsInWeek53AndNextIsWeek1Of2027()
    {
        var week = Period.Of(PeriodKind.Week, new DateOnly(2026, 12, 31));

        Assert.Equal("2026-W53", week.ToString());
        Assert.Equal("2027-W01", week.Next().ToString());
        Assert.Equal(new DateOnly(2027, 1, 4), week.LastDayExclusive);
        Assert.Equal("2026-W52", week.Previous().ToString());
        Assert.Equal("2026-W53", Period.Of(PeriodKind.Week, new DateOnly(2027, 1, 3)).ToString()); // a Sunday
    }

    [Fact]
    public void NextAndPrevious_MonthsAndDays_StepOverYearEnds()
    {
        Assert.True(Period.TryParse("2026-12", out var december));
        Assert.True(Period.TryParse("2026-01-01", out var newYear));

        Assert.Equal("2027-01", december.Next().ToString());
        Assert.Equal("2026-11", december.Previous().ToString());
        Assert.Equal("2025-12-31", newYear.Previous().ToString());
    }

    [Fact]
    public void Days_ListsEveryDayOfThePeriod()
    {
        Assert.True(Period.TryParse("2028-02", out var leapFebruary));
        Assert.True(Period.TryParse("2026-W43", out var week));

        Assert.Equal(29, leapFebruary.Days().Count());
        Assert.Equal([.. Enumerable.Range(19, 7).Select(d => new DateOnly(2026, 10, d))], week.Days());
    }

    [Fact]
    public void Constructor_NotTheFirstDay_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Period(PeriodKind.Week, new DateOnly(2026, 10, 20)));
        Assert.Equal(new DateOnly(2026, 10, 19), new Period(PeriodKind.Week, new DateOnly(2026, 10, 19)).First);
    }

    [Fact]
    public void StartAndEnd_DstDaysInBerlin_AreLocalMidnights23And25HoursApart()
    {
        Assert.True(Period.TryParse("2026-03-29", out var spring)); // clocks go 02:00 → 03:00
        Assert.True(Period.TryParse("2026-10-25", out var autumn)); // clocks go 03:00 → 02:00

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)), spring.Start(Berlin));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)), spring.End(Berlin));
        Assert.Equal(TimeSpan.FromHours(23), spring.End(Berlin) - spring.Start(Berlin));
        Assert.Equal(TimeSpan.FromHours(25), autumn.End(Berlin) - autumn.Start(Berlin));
    }

    [Fact]
    public void StartAndEnd_OctoberInBerlin_SpansTheChangeBackToWinterTime()
    {
        Assert.True(Period.TryParse("2026-10", out var october));

        Assert.Equal(new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero), october.Start(Berlin).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), october.End(Berlin).ToUniversalTime());
    }

    [Fact]
    public void Month_InUtcPlus14_StartsTheDayBeforeInUtc()
    {
        Assert.True(Period.TryParse("2026-10", out var october));
        var lateUtc = new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.Zero); // 00:00 on 1 October in Kiritimati

        Assert.Equal(lateUtc, october.Start(Kiritimati));
        Assert.Equal(october, Period.Containing(lateUtc, Kiritimati, PeriodKind.Month));
        Assert.Equal("2026-09", Period.Containing(lateUtc.AddTicks(-1), Kiritimati, PeriodKind.Month).ToString());
        Assert.Equal("2026-09", Period.Containing(lateUtc, TimeZoneInfo.Utc, PeriodKind.Month).ToString());
    }

    [Fact]
    public void Containing_EachKind_UsesTheLocalDate()
    {
        var instant = new DateTimeOffset(2026, 10, 25, 23, 30, 0, TimeSpan.Zero); // Monday 26 October 00:30 in Berlin

        Assert.Equal("2026-10-26", Period.Containing(instant, Berlin, PeriodKind.Day).ToString());
        Assert.Equal("2026-W44", Period.Containing(instant, Berlin, PeriodKind.Week).ToString());
        Assert.Equal("2026-W43", Period.Containing(instant, TimeZoneInfo.Utc, PeriodKind.Week).ToString());
    }

    [Fact]
    public void Start_MidnightSkippedByDst_IsTheMomentTheClocksJump()
    {
        // America/Santiago springs forward at 00:00 (to 01:00) on 2026-09-06: the day starts at 01:00 local.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        Assert.True(Period.TryParse("2026-09-06", out var day));

        var start = day.Start(santiago);

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(23), day.End(santiago) - start);
    }
}
