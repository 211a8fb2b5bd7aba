using KpiSync.Kpis.Calendars;

namespace KpiSync.Tests.Kpis.Calendars;

public sealed class IdleTimeTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateOnly Tuesday = new(2026, 10, 20);
    private static readonly WorkCalendar EveryDay = WorkCalendar.Default with { WorkDays = Enum.GetValues<DayOfWeek>().ToHashSet() };

    /// <summary>Moscow wall-clock time on <paramref name="day"/> (UTC+3 all year).</summary>
    private static DateTimeOffset Msk(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(3));

    private static DateTimeOffset Msk(int hour, int minute) => Msk(Tuesday, hour, minute);

    private static ActivityInterval Span(DateTimeOffset start, DateTimeOffset end) => new(start, end);

    private static int Covered(WorkCalendar calendar, DateOnly day, params ActivityInterval[] intervals) =>
        IdleTime.CoveredSeconds(calendar, Moscow, day, intervals);

    /// <summary>KPI.md: calls 09:00–09:30 and 09:20–10:00, a meeting 11:00–12:30 and a note at 17:58.</summary>
    private static ActivityInterval[] KpiMdDay() =>
    [
        Span(Msk(9, 0), Msk(9, 30)),
        Span(Msk(9, 20), Msk(10, 0)),
        ActivityInterval.ForDuration(Msk(11, 0), 90 * 60),
        ActivityInterval.ForTouch(Msk(17, 58)),
    ];

    [Fact]
    public void CoveredSeconds_KpiMdExample_Is2h32m()
    {
        // 0:60 + 1:30 + 0:02 (the note's 5 minutes clipped at 18:00) = 2 h 32 min.
        Assert.Equal((2 * 3600) + (32 * 60), IdleTime.CoveredSeconds(WorkCalendar.Default, Moscow, Tuesday, KpiMdDay()));
    }

    [Fact]
    public void Compute_KpiMdExample_Idle5h28m()
    {
        var result = IdleTime.Compute(WorkCalendar.Default, Moscow, Tuesday, Tuesday.AddDays(1), KpiMdDay());

        Assert.Equal(8m, result.NominalHours);
        Assert.Equal(9_120m / 3600m, result.CoveredHours);
        Assert.Equal(19_680m / 3600m, result.IdleHours); // 5 h 28 min
        var day = Assert.Single(result.Days);
        Assert.Equal(new IdleDay(Tuesday, 28_800, 9_120), day);
        Assert.Equal(19_680, day.IdleSeconds);
    }

    [Fact]
    public void CoveredSeconds_CallAcrossTheLunchBreak_CountsOnlyWorkingParts()
    {
        Assert.Equal(60 * 60, Covered(WorkCalendar.Default, Tuesday, Span(Msk(12, 30), Msk(14, 30))));
    }

    [Fact]
    public void CoveredSeconds_ActivityOutsideHoursOrInTheBreak_CountsNothing()
    {
        Assert.Equal(0, Covered(WorkCalendar.Default, Tuesday,
            Span(Msk(6, 0), Msk(9, 0)), Span(Msk(13, 10), Msk(13, 50)), Span(Msk(18, 0), Msk(23, 0)), ActivityInterval.ForTouch(Msk(8, 55))));
    }

    [Fact]
    public void CoveredSeconds_EmptyOrReversedInterval_CountsNothing()
    {
        Assert.Equal(0, Covered(WorkCalendar.Default, Tuesday, Span(Msk(10, 0), Msk(10, 0)), Span(Msk(11, 0), Msk(10, 0))));
    }

    [Fact]
    public void CoveredSeconds_CallAcrossMidnight_CountsOnEachDayItsOwnPart()
    {
        // A calendar working round the clock (to 23:59) shows the split: 29 min on Tuesday, 45 on Wednesday.
        var allDay = WorkCalendar.Default with { DayStart = TimeOnly.MinValue, DayEnd = new TimeOnly(23, 59), LunchStart = null, LunchEnd = null };
        var call = Span(Msk(23, 30), Msk(Tuesday.AddDays(1), 0, 45));

        Assert.Equal(29 * 60, Covered(allDay, Tuesday, call));
        Assert.Equal(45 * 60, Covered(allDay, Tuesday.AddDays(1), call));
        Assert.Equal(74m / 60m, IdleTime.Compute(allDay, Moscow, Tuesday, Tuesday.AddDays(2), [call]).CoveredHours);
    }

    [Fact]
    public void Compute_IntervalSpanningTwoWorkingDays_CountsOnBoth()
    {
        var overnight = Span(Msk(17, 0), Msk(Tuesday.AddDays(1), 10, 0));

        var result = IdleTime.Compute(WorkCalendar.Default, Moscow, Tuesday, Tuesday.AddDays(2), [overnight]);

        Assert.Equal([3_600, 3_600], result.Days.Select(d => d.CoveredSeconds));
    }

    [Fact]
    public void Compute_HolidaysAbsencesAndWeekend_AreSkipped()
    {
        var monday = new DateOnly(2026, 10, 19);
        var calendar = WorkCalendar.Default with { Holidays = new HashSet<DateOnly> { monday.AddDays(2) }, Absences = new HashSet<DateOnly> { monday.AddDays(3) } };
        var everyDayAt10 = Enumerable.Range(0, 7).Select(d => Span(Msk(monday.AddDays(d), 10, 0), Msk(monday.AddDays(d), 11, 0)));

        var result = IdleTime.Compute(calendar, Moscow, monday, monday.AddDays(7), everyDayAt10);

        Assert.Equal([monday, monday.AddDays(1), monday.AddDays(4)], result.Days.Select(d => d.Day));
        Assert.Equal(24m, result.NominalHours);
        Assert.Equal(3m, result.CoveredHours);
        Assert.Equal(21m, result.IdleHours);
    }

    [Fact]
    public void CoveredSeconds_Weekend_IsZero()
    {
        var saturday = new DateOnly(2026, 10, 24);

        Assert.False(WorkCalendar.Default.IsWorkingDay(saturday));
        Assert.Equal(0, Covered(WorkCalendar.Default, saturday, Span(Msk(saturday, 10, 0), Msk(saturday, 11, 0))));
    }

    [Fact]
    public void Compute_PerEmployeeCalendar_UsesItsHoursBreakAndDays()
    {
        // 10:00–19:00 with 15:00–15:30 off, Tuesday to Saturday: 8.5 nominal hours.
        var calendar = new WorkCalendar
        {
            WorkDays = new HashSet<DayOfWeek> { DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday },
            DayStart = new(10, 0),
            DayEnd = new(19, 0),
            LunchStart = new(15, 0),
            LunchEnd = new(15, 30),
        };
        var monday = new DateOnly(2026, 10, 19);
        var saturday = new DateOnly(2026, 10, 24);
        ActivityInterval[] activities = [Span(Msk(monday, 10, 0), Msk(monday, 12, 0)), Span(Msk(saturday, 9, 0), Msk(saturday, 16, 0))];

        var result = IdleTime.Compute(calendar, Moscow, monday, monday.AddDays(7), activities);

        Assert.Equal(8.5m, calendar.NominalHours);
        Assert.Equal(5, result.Days.Count); // Monday and Sunday off
        Assert.Equal(42.5m, result.NominalHours);
        Assert.Equal(5.5m, result.CoveredHours); // Saturday 10:00–15:00 and 15:30–16:00; Monday is a day off
    }

    [Fact]
    public void CoveredSeconds_SpringForwardInBerlin_WorkingHoursStayLocal()
    {
        // 2026-03-29: 02:00 CET → 03:00 CEST. 08:00Z is 10:00 local that day, 09:00 local the day before.
        var sunday = new DateOnly(2026, 3, 29);
        var hour = Span(new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.Zero));
        var wholeDay = Span(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)));
        var earlyUtc = Span(new DateTimeOffset(2026, 3, 29, 6, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 7, 30, 0, TimeSpan.Zero));

        Assert.Equal(3_600, IdleTime.CoveredSeconds(EveryDay, Berlin, sunday, [hour]));
        Assert.Equal(8 * 3_600, IdleTime.CoveredSeconds(EveryDay, Berlin, sunday, [wholeDay]));
        Assert.Equal(30 * 60, IdleTime.CoveredSeconds(EveryDay, Berlin, sunday, [earlyUtc])); // 08:30–09:30 CEST: 30 min in hours
    }

    [Fact]
    public void CoveredSeconds_FallBackInBerlin_WorkingHoursStayLocal()
    {
        // 2026-10-25: 03:00 CEST → 02:00 CET. 08:00Z is 09:00 local; 07:30Z is 08:30 local, before hours.
        var sunday = new DateOnly(2026, 10, 25);
        var wholeDay = Span(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1)));
        var morning = Span(new DateTimeOffset(2026, 10, 25, 7, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 25, 8, 30, 0, TimeSpan.Zero));

        Assert.Equal(8 * 3_600, IdleTime.CoveredSeconds(EveryDay, Berlin, sunday, [wholeDay]));
        Assert.Equal(30 * 60, IdleTime.CoveredSeconds(EveryDay, Berlin, sunday, [morning]));
        Assert.Equal(8m, IdleTime.Compute(EveryDay, Berlin, sunday, sunday.AddDays(1), [wholeDay]).CoveredHours);
    }

    [Fact]
    public void CoveredSeconds_ManyUnsortedTouches_MergeLikeSortedOnes()
    {
        // 100 five-minute touches three minutes apart from 09:00: one run to 13:02, minus the break = 4 h 02 min.
        // 100 intervals also take the pooled-buffer path.
        var touches = Enumerable.Range(0, 100).Select(i => ActivityInterval.ForTouch(Msk(9, 0).AddMinutes(3 * i))).ToArray();
        var reversed = touches.Reverse().ToArray();

        Assert.Equal(242 * 60, Covered(WorkCalendar.Default, Tuesday, touches));
        Assert.Equal(242 * 60, Covered(WorkCalendar.Default, Tuesday, reversed));
        Assert.Equal(242 * 60, Covered(WorkCalendar.Default, Tuesday, [.. Enumerable.Range(0, 100).Select(i => touches[i * 37 % 100])]));
        Assert.Equal(92 * 60, Covered(WorkCalendar.Default, Tuesday, [.. reversed.Take(50)])); // 11:30–13:00 and 14:00–14:02
    }

    [Fact]
    public void Compute_LongIntervalStartedDaysBefore_StillReachesLaterDays()
    {
        var monday = new DateOnly(2026, 10, 19);
        var week = Span(Msk(monday.AddDays(-3), 0, 0), Msk(monday.AddDays(5), 0, 0));

        var result = IdleTime.Compute(WorkCalendar.Default, Moscow, monday, monday.AddDays(7), [ActivityInterval.ForTouch(Msk(monday, 9, 0)), week]);

        Assert.Equal(40m, result.CoveredHours);
        Assert.Equal(0m, result.IdleHours);
    }

    [Fact]
    public void ForTouch_DefaultsToFiveMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), ActivityInterval.ForTouch(Msk(10, 0)).End - Msk(10, 0));
        Assert.Equal(TimeSpan.FromMinutes(2), ActivityInterval.ForTouch(Msk(10, 0), TimeSpan.FromMinutes(2)).End - Msk(10, 0));
    }
}
