namespace KpiSync.Kpis.Calendars;

/// <summary>
/// A span of client work, half-open <c>[Start, End)</c> (KPI.md "Idle time"): a call or meeting
/// <c>[start, start + duration]</c>, any other touch <c>[t, t + 5 min]</c>. An empty or reversed span covers nothing.
/// </summary>
public readonly record struct ActivityInterval(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>What a note, task or e-mail counts for unless configured otherwise (KPI.md).</summary>
    public static readonly TimeSpan DefaultTouchLength = TimeSpan.FromMinutes(5);

    /// <summary>A touch without a duration: <c>[at, at + length)</c>, by default 5 minutes.</summary>
    public static ActivityInterval ForTouch(DateTimeOffset at, TimeSpan? length = null) => new(at, at + (length ?? DefaultTouchLength));

    /// <summary>A call or meeting: <c>[start, start + seconds)</c>.</summary>
    public static ActivityInterval ForDuration(DateTimeOffset start, int seconds) => new(start, start.AddSeconds(seconds));
}
