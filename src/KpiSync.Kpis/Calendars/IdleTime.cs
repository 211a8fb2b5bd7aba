using System.Buffers;
using KpiSync.Kpis.Periods;

namespace KpiSync.Kpis.Calendars;

/// <summary>
/// KPI.md "Idle time": per working day, activity intervals are merged, clipped to working hours minus the
/// break, and <c>idle = nominal − covered</c>. Working hours are local wall-clock times converted through the
/// zone, so 09:00–18:00 stays 09:00–18:00 on a DST-change day.
/// </summary>
public static partial class IdleTime
{
    // Up to this many intervals a day are merged in a stack buffer; beyond it a pooled array is used.
    private const int StackIntervals = 64;

    /// <summary>
    /// Covered seconds of one working day; 0 when <paramref name="day"/> is not a working day. Intervals may be in
    /// any order and may reach into other days (only the part inside this day's hours counts, so a call across
    /// midnight is counted by calling this for both days). Already sorted by start they skip the sort. Allocates
    /// nothing for up to 64 intervals touching the day.
    /// </summary>
    public static int CoveredSeconds(WorkCalendar calendar, TimeZoneInfo zone, DateOnly day, ReadOnlySpan<ActivityInterval> intervals)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        if (!calendar.IsWorkingDay(day))
        {
            return 0;
        }

        Span<long> windows = stackalloc long[4];
        var windowCount = Windows(calendar, zone, day, windows);
        if (windowCount == 0 || intervals.IsEmpty)
        {
            return 0;
        }

        long[]? rented = null;
        var buffer = intervals.Length <= StackIntervals
            ? stackalloc long[2 * StackIntervals]
            : (rented = ArrayPool<long>.Shared.Rent(2 * intervals.Length));
        try
        {
            var covered = Covered(intervals, windows[..(2 * windowCount)], buffer[..intervals.Length], buffer.Slice(intervals.Length, intervals.Length));
            return (int)Math.Min(covered / TimeSpan.TicksPerSecond, calendar.NominalSeconds);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<long>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Merges the intervals clipped to the windows' span and sums their overlap with the windows, in UTC ticks.</summary>
    private static long Covered(ReadOnlySpan<ActivityInterval> intervals, ReadOnlySpan<long> windows, Span<long> starts, Span<long> ends)
    {
        var (from, to) = (windows[0], windows[^1]);
        var count = 0;
        var sorted = true;
        foreach (var interval in intervals)
        {
            var start = Math.Max(interval.Start.UtcTicks, from);
            var end = Math.Min(interval.End.UtcTicks, to);
            if (end <= start)
            {
                continue;
            }

            sorted &= count == 0 || start >= starts[count - 1];
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        if (count == 0)
        {
            return 0;
        }

        if (!sorted)
        {
            starts[..count].Sort(ends[..count]);
        }

        var total = 0L;
        var (runStart, runEnd) = (starts[0], ends[0]);
        for (var i = 1; i < count; i++)
        {
            if (starts[i] <= runEnd)
            {
                runEnd = Math.Max(runEnd, ends[i]);
                continue;
            }

            total += Overlap(runStart, runEnd, windows);
            (runStart, runEnd) = (starts[i], ends[i]);
        }

        return total + Overlap(runStart, runEnd, windows);
    }

    private static long Overlap(long start, long end, ReadOnlySpan<long> windows)
    {
        var total = 0L;
        for (var w = 0; w < windows.Length; w += 2)
        {
            total += Math.Max(0L, Math.Min(end, windows[w + 1]) - Math.Max(start, windows[w]));
        }

        return total;
    }

    /// <summary>Writes the day's working windows (before and after the break) as UTC tick pairs; returns how many.</summary>
    private static int Windows(WorkCalendar calendar, TimeZoneInfo zone, DateOnly day, Span<long> windows)
    {
        var (dayStart, dayEnd) = (calendar.DayStart, calendar.DayEnd);
        TimeSpan? steady = LocalClock.TryGetSteadyOffset(day, zone, out var offset) ? offset : null;
        if (calendar.LunchStart is not { } lunchStart || calendar.LunchEnd is not { } lunchEnd)
        {
            return Window(zone, steady, day, dayStart, dayEnd, windows, 0);
        }

        var count = Window(zone, steady, day, dayStart, lunchStart < dayEnd ? lunchStart : dayEnd, windows, 0);
        return Window(zone, steady, day, lunchEnd > dayStart ? lunchEnd : dayStart, dayEnd, windows, count);
    }

    private static int Window(TimeZoneInfo zone, TimeSpan? steady, DateOnly day, TimeOnly from, TimeOnly to, Span<long> windows, int count)
    {
        if (to <= from)
        {
            return count;
        }

        windows[2 * count] = UtcTicks(zone, steady, day.ToDateTime(from));
        windows[(2 * count) + 1] = UtcTicks(zone, steady, day.ToDateTime(to));
        return count + 1;
    }

    private static long UtcTicks(TimeZoneInfo zone, TimeSpan? steady, DateTime local) =>
        steady is { } offset ? local.Ticks - offset.Ticks : LocalClock.ToInstant(local, zone).UtcTicks;
}
