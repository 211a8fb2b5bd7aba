namespace KpiSync.Benchmarks;

/// <summary>What <c>bench sync</c> measures: the account's size, how far the rate-limited phase reads, whether to
/// break the unlimited phase down by stage, and whether to skip the warm-up (measure a cold process).</summary>
internal sealed record SyncBenchmarkOptions(int Employees, int Months, double Volume, int LimitedEntities, bool Profile, bool Cold = false);
