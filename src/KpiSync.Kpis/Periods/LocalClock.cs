namespace KpiSync.Kpis.Periods;

/// <summary>Turns a wall-clock time in a zone into an instant, across DST gaps and overlaps.</summary>
internal static class LocalClock
{
    /// <summary>
    /// The instant <paramref name="local"/> shows in <paramref name="zone"/>. A time skipped by a DST gap maps to
    /// the end of the gap (a day starting in a gap starts when the clocks jump); a repeated time maps to its first
    /// occurrence, so a day or working hours starting there are never shortened.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }

        if (zone.IsInvalidTime(local))
        {
            // Read with the offset in force before the gap, the time lands exactly on the jump or after it.
            var before = zone.GetUtcOffset(local.AddDays(-2));
            var instant = new DateTimeOffset(local.Ticks - before.Ticks, TimeSpan.Zero);
            return TimeZoneInfo.ConvertTime(instant, zone);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The zone's offset over the whole of <paramref name="day"/> when no transition falls near it, from two cheap
    /// UTC lookups (a local-time lookup costs several times more, and idle time converts four times per
    /// employee-day). False near a transition (use <see cref="ToInstant"/>) or at the ends of the calendar.
    /// Offsets that change and change back within three days do not occur in tzdata.
    /// </summary>
    public static bool TryGetSteadyOffset(DateOnly day, TimeZoneInfo zone, out TimeSpan offset)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue).Ticks - zone.BaseUtcOffset.Ticks;
        offset = TimeSpan.Zero;
        if (midnight < 2 * TimeSpan.TicksPerDay || midnight > DateTime.MaxValue.Ticks - (3 * TimeSpan.TicksPerDay))
        {
            return false;
        }

        offset = zone.GetUtcOffset(new DateTime(midnight - TimeSpan.TicksPerDay, DateTimeKind.Utc));
        return offset == zone.GetUtcOffset(new DateTime(midnight + (2 * TimeSpan.TicksPerDay), DateTimeKind.Utc));
    }
}
