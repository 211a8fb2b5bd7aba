namespace KpiSync.Benchmarks;

/// <summary>Total wall time of one kind of step (an HTTP path or a SQL statement) and how often it ran.</summary>
internal sealed record StageTime(string Key, int Count, TimeSpan Total);
