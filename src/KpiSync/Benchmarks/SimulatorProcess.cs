using System.Diagnostics;
using KpiSync.Cli;

namespace KpiSync.Benchmarks;

/// <summary>
/// <c>kpisync simulator</c> as a child process: a large account takes ~760 MB, which must not count towards the
/// benchmark's own memory. Disposing closes the child's stdin (its stop signal) and kills it if it lingers.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;

    private SimulatorProcess(Process process, Uri baseUrl, string account)
    {
        _process = process;
        BaseUrl = baseUrl;
        Account = account;
    }

    public Uri BaseUrl { get; }

    /// <summary>The child's line with the account's counts.</summary>
    public string Account { get; }

    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    public static async Task<SimulatorProcess> StartAsync(SimulatorSpec spec, CancellationToken ct)
    {
        var info = KpiSyncExecutable.StartInfo(spec.Arguments());
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        // The simulator stands in for a CRM on another machine: on this one it should take as little of the shared
        // cores as it can, and server GC's per-core heaps and spinning collector threads cost it a third more CPU.
        info.Environment["DOTNET_gcServer"] = "0";

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the simulator process");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StartTimeout);
            var url = await ReadLineStartingAsync(process, SimulatorCommand.ListeningPrefix, timeout.Token);
            var account = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? "";
            return new SimulatorProcess(process, new Uri(url.Trim()), account);
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(_process));

    private static async Task<string> ReadLineStartingAsync(Process process, string prefix, CancellationToken ct)
    {
        while (await process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }
        }

        throw new InvalidOperationException($"the simulator process exited before listening (exit code {(process.WaitForExit(5000) ? process.ExitCode : -1)})");
    }

    private static async Task StopAsync(Process process)
    {
        using (process)
        {
            if (process.HasExited)
            {
                return;
            }

            process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException) when (grace.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }
}
