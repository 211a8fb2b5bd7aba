using KpiSync.Kpis.Periods;

namespace KpiSync.Kpis.Calendars;

public static partial class IdleTime
{
    /// <summary>
    /// Idle time over <c>[from, toExclusive)</c>: every working day of <paramref name="calendar"/> (holidays,
    /// absences and days off skipped), each interval counted on every day it reaches into.
    /// </summary>
    public static IdleResult Compute(WorkCalendar calendar, TimeZoneInfo zone, DateOnly from, DateOnly toExclusive, IEnumerable<ActivityInterval> activities)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(activities);

        // Sorted once by start, so each day takes a slice: starts before the day's end, and no earlier than
        // the longest interval could reach back from the day's start.
        var sorted = activities.Where(a => a.End > a.Start).OrderBy(a => a.Start.UtcTicks).ToArray();
        var starts = Array.ConvertAll(sorted, a => a.Start.UtcTicks);
        var longest = sorted.Length == 0 ? 0L : sorted.Max(a => a.End.UtcTicks - a.Start.UtcTicks);

        var days = new List<IdleDay>();
        long nominal = 0, covered = 0;
        for (var day = from; day < toExclusive; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            var dayStart = LocalClock.ToInstant(day.ToDateTime(TimeOnly.MinValue), zone).UtcTicks;
            var dayEnd = LocalClock.ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).UtcTicks;
            var first = LowerBound(starts, dayStart - longest);
            var last = LowerBound(starts, dayEnd);
            var seconds = CoveredSeconds(calendar, zone, day, sorted.AsSpan(first, last - first));
            days.Add(new IdleDay(day, calendar.NominalSeconds, seconds));
            nominal += calendar.NominalSeconds;
            covered += seconds;
        }

        return new IdleResult(nominal / 3600m, covered / 3600m, (nominal - covered) / 3600m, days);
    }

    /// <summary>The first index whose value is ≥ <paramref name="value"/>.</summary>
    private static int LowerBound(long[] sorted, long value)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
