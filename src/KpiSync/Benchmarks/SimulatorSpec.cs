using System.Globalization;

namespace KpiSync.Benchmarks;

/// <summary>The simulated account a benchmark phase syncs; the same spec gives byte-identical data.</summary>
internal sealed record SimulatorSpec(int Employees, int Months, double Volume, int RequestsPerSecond, int Seed, DateOnly Anchor)
{
    public IEnumerable<string> Arguments() =>
    [
        "simulator",
        "--seed", Seed.ToString(CultureInfo.InvariantCulture),
        "--employees", Employees.ToString(CultureInfo.InvariantCulture),
        "--months", Months.ToString(CultureInfo.InvariantCulture),
        "--volume", Volume.ToString(CultureInfo.InvariantCulture),
        "--requests-per-second", RequestsPerSecond.ToString(CultureInfo.InvariantCulture),
        "--anchor", Anchor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ];
}
