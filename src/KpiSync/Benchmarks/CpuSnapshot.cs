using System.Diagnostics;

namespace KpiSync.Benchmarks;

/// <summary>Processor time used so far by this process, the simulator child and the PostgreSQL backends serving
/// the phase's database: on a small machine the three compete for the same cores, so their shares explain a phase's
/// time. Backends are recognised by their process title (Linux), so other clusters on the machine are not counted.</summary>
internal sealed record CpuSnapshot(TimeSpan Bench, TimeSpan Simulator, TimeSpan Postgres)
{
    public static CpuSnapshot Take(SimulatorProcess simulator, string database)
    {
        using var self = Process.GetCurrentProcess();
        var postgres = TimeSpan.Zero;
        // Not GetProcessesByName: a backend renames itself ("postgres: user db host state").
        foreach (var p in Process.GetProcesses())
        {
            using (p)
            {
                try
                {
                    var title = File.ReadAllText($"/proc/{p.Id}/cmdline");
                    if (title.StartsWith("postgres: ", StringComparison.Ordinal) && title.Contains(" " + database + " ", StringComparison.Ordinal))
                    {
                        postgres += p.TotalProcessorTime;
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
                {
                    // The backend exited between listing and reading, or this is not Linux.
                }
            }
        }

        return new CpuSnapshot(self.TotalProcessorTime, simulator.ProcessorTime, postgres);
    }

    public static CpuSnapshot operator -(CpuSnapshot a, CpuSnapshot b) => new(a.Bench - b.Bench, a.Simulator - b.Simulator, a.Postgres - b.Postgres);
}
