namespace KpiSync.Benchmarks;

/// <summary>One benchmark phase: records read (as the sync counts them), pages requested, wall time.</summary>
internal sealed record PhaseResult(string Name, int Entities, int Pages, TimeSpan Elapsed, string Status)
{
    public double EntitiesPerSecond => Entities / Elapsed.TotalSeconds;

    public double RequestsPerSecond => Pages / Elapsed.TotalSeconds;

    public double AveragePageSize => Pages == 0 ? 0 : (double)Entities / Pages;
}
