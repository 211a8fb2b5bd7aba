namespace KpiSync.IntegrationTests.Support;

/// <summary>Wall-clock "now" pinned to a fixed instant (so periods and the simulator's history line up); timestamps still run,
/// so delays and rate pacing behave as in production.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
