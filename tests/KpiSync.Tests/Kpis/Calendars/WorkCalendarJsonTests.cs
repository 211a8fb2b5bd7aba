using KpiSync.Kpis.Calendars;

namespace KpiSync.Tests.Kpis.Calendars;

public sealed class WorkCalendarJsonTests
{
    [Fact]
    public void Parse_EmptyObject_IsTheDefaultCalendar()
    {
        var calendar = Parsed("{}");

        Assert.Equal(8m, calendar.NominalHours);
        Assert.Equal(WorkCalendar.Default.WorkDays.Order(), calendar.WorkDays.Order());
        Assert.Equal(new TimeOnly(13, 0), calendar.LunchStart);
        Assert.Empty(calendar.Holidays);
    }

    [Fact]
    public void Parse_EveryField_ReadsIt()
    {
        var calendar = Parsed("""
            { "work_days": ["tuesday", "saturday"], "day_start": "10:00", "day_end": "19:30:00",
              "lunch_start": null, "lunch_end": null, "holidays": ["2026-11-04"], "absences": ["2026-10-13", "2026-10-14"] }
            """);

        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Saturday], calendar.WorkDays.Order());
        Assert.Equal(new TimeOnly(19, 30), calendar.DayEnd);
        Assert.Null(calendar.LunchStart);
        Assert.Equal(9.5m, calendar.NominalHours);
        Assert.True(calendar.Holidays.Contains(new DateOnly(2026, 11, 4)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 13)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 20)));
    }

    [Fact]
    public void WriteThenParse_RoundTrips()
    {
        var calendar = WorkCalendar.Default with
        {
            WorkDays = new HashSet<DayOfWeek> { DayOfWeek.Sunday, DayOfWeek.Monday },
            DayEnd = new TimeOnly(17, 45, 30),
            Holidays = new HashSet<DateOnly> { new(2027, 1, 1), new(2026, 12, 31) },
        };

        var written = WorkCalendarJson.Write(calendar);
        var again = Parsed(written);

        Assert.Equal(written, WorkCalendarJson.Write(again));
        Assert.Contains("\"work_days\": [\n    \"monday\",\n    \"sunday\"\n  ]", written, StringComparison.Ordinal);
        Assert.Contains("\"day_end\": \"17:45:30\"", written, StringComparison.Ordinal);
        Assert.Equal(calendar.NominalSeconds, again.NominalSeconds);
        Assert.Equal(WorkCalendarJson.Write(WorkCalendar.Default), WorkCalendarJson.Write(Parsed(WorkCalendarJson.Write(WorkCalendar.Default))));
    }

    [Fact]
    public void Parse_NoBreakWritten_RoundTripsAsNoBreak()
    {
        var calendar = WorkCalendar.Default with { LunchStart = null, LunchEnd = null };

        Assert.Equal(9m, Parsed(WorkCalendarJson.Write(calendar)).NominalHours);
    }

    [Theory]
    [InlineData("""{ "day_start": "18:00", "day_end": "09:00" }""", "$.day_end: must be after day_start (18:00)")]
    [InlineData("""{ "day_start": "9:00" }""", "$.day_start: '9:00' is not a time HH:mm")]
    [InlineData("""{ "day_end": 18 }""", "$.day_end: expected a string, found 18")]
    [InlineData("""{ "lunch_start": "08:00", "lunch_end": "09:30" }""", "$.lunch_start: the break must lie within the working day (09:00–18:00)")]
    [InlineData("""{ "lunch_start": "14:00", "lunch_end": "13:00" }""", "$.lunch_end: must be after lunch_start (14:00)")]
    [InlineData("""{ "lunch_start": "12:00" }""", "$.lunch_end: required with lunch_start")]
    [InlineData("""{ "lunch_end": "12:00" }""", "$.lunch_start: required with lunch_end")]
    [InlineData("""{ "lunch_start": "12:00", "lunch_end": null }""", "$.lunch_end: lunch_start and lunch_end are both times, or both null for no break")]
    [InlineData("""{ "holidays": ["2026-11-04", "2026-02-30", 5] }""", "$.holidays[1]: \"2026-02-30\" is not a date yyyy-MM-dd|$.holidays[2]: 5 is not a date yyyy-MM-dd")]
    [InlineData("""{ "absences": "2026-11-04" }""", "$.absences: expected an array, found \"2026-11-04\"")]
    [InlineData("""{ "work_days": ["monday", "fri", "monday"] }""", "$.work_days[1]: unknown day \"fri\"; expected monday … sunday|$.work_days[2]: duplicate day")]
    [InlineData("""{ "work_days": [] }""", "$.work_days: at least one working day")]
    [InlineData("""{ "day_starts": "09:00" }""", "$.day_starts: unknown property 'day_starts'; expected one of: work_days, day_start, day_end, lunch_start, lunch_end, holidays, absences")]
    [InlineData("""{ "day_start": "09:00", }""", "$: malformed JSON at line 1, position 25: The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.")]
    public void Parse_Mistake_IsReportedAtItsPath(string json, string expected)
    {
        var result = WorkCalendarJson.Parse(json);

        Assert.Null(result.Calendar);
        Assert.Equal(expected.Split('|'), result.Errors.Select(e => e.ToString()));
    }

    private static WorkCalendar Parsed(string json)
    {
        var result = WorkCalendarJson.Parse(json);
        Assert.Empty(result.Errors);
        return result.Calendar!;
    }
}
