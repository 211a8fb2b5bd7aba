using System.Diagnostics;
using KpiSync.Cli;

namespace KpiSync.Benchmarks;

/// <summary>Start information for this same executable as a child process (a simulator, a <c>serve</c> node).</summary>
internal static class KpiSyncExecutable
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown"))
        {
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(info.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Run as 'dotnet kpisync.dll': start the same assembly, not the bare host.
            info.ArgumentList.Add(typeof(KpiSyncCli).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
