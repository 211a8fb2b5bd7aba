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
}
