namespace KpiSync.IntegrationTests.Support;

/// <summary>Wall-clock "now" that stays where it is put; timestamps still run, so delays and pacing behave as in production.</summary>
public sealed class MovableTimeProvider(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
