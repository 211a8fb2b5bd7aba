namespace KpiSync.CrmSimulator.Generation;

/// <summary>Working days (Mon–Fri, 09:00–19:00 in the account time zone) inside the history window, as unix seconds.</summary>
internal sealed class WorkCalendar
{
    public const int WorkdaySeconds = 10 * 3600;
    private const int WorkdayStartHour = 9;
    private readonly List<long> _workdayStarts = [];

    public WorkCalendar(TimeZoneInfo timeZone, long start, long anchor)
    {
        Start = start;
        Anchor = anchor;
        var first = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(start), timeZone).Date;
        var last = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(anchor), timeZone).Date;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var localStart = DateTime.SpecifyKind(day.AddHours(WorkdayStartHour), DateTimeKind.Unspecified);
            _workdayStarts.Add(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localStart, timeZone)).ToUnixTimeSeconds());
        }
    }

    public long Start { get; }

    public long Anchor { get; }

    /// <summary>09:00 local of every working day touching the window; some moments of the first and last day fall outside it.</summary>
    public IReadOnlyList<long> WorkdayStarts => _workdayStarts;

    public bool Contains(long moment) => moment >= Start && moment <= Anchor;

    /// <summary>
    /// The moment itself when it falls in working hours, else the start of the next working day plus
    /// <paramref name="jitter"/> seconds; past the last working day it is returned unchanged.
    /// </summary>
    public long SnapToWorkingHours(long moment, long jitter)
    {
        var days = _workdayStarts;
        var index = days.BinarySearch(moment);
        var day = index >= 0 ? index : ~index - 1;
        if (day >= 0 && moment < days[day] + WorkdaySeconds)
        {
            return moment;
        }

        return day + 1 < days.Count ? days[day + 1] + jitter : moment;
    }
}
