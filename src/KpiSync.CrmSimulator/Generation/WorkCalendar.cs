namespace KpiSync.CrmSimulator.Generation;

/// <summary>Working days (Mon–Fri, 09:00–19:00 in the account time zone) inside the history window, as unix seconds.</summary>
internal sealed class WorkCalendar
{
    public const int WorkdaySeconds = 10 * 3600;
    private const int WorkdayStartHour = 9;

    public WorkCalendar(TimeZoneInfo timeZone, long start, long anchor)
    {
        Start = start;
        Anchor = anchor;
        var first = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(start), timeZone).Date;
        var last = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(anchor), timeZone).Date;
        var days = new List<long>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var localStart = DateTime.SpecifyKind(day.AddHours(WorkdayStartHour), DateTimeKind.Unspecified);
            days.Add(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localStart, timeZone)).ToUnixTimeSeconds());
        }

        WorkdayStarts = days;
    }

    public long Start { get; }

    public long Anchor { get; }

    /// <summary>09:00 local of every working day touching the window; some moments of the first and last day fall outside it.</summary>
    public IReadOnlyList<long> WorkdayStarts { get; }

    public bool Contains(long moment) => moment >= Start && moment <= Anchor;
}
