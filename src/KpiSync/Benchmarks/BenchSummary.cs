namespace KpiSync.Benchmarks;

/// <summary>The last line of <c>bench sync --json</c>.</summary>
public sealed record BenchSummary(long Entities, double LimitedPerS, int CeilingPerS, double UnlimitedPerS, double PeakMb);
