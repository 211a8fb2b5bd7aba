using System.Diagnostics;

namespace KpiSync.Benchmarks;

/// <summary><c>kpisync serve</c> as a child process: one node of a cluster, with its settings as environment
/// variables. Disposing kills it (the benchmark's database is dropped by the next run).</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static ServeProcess Start(int port, IReadOnlyDictionary<string, string> settings)
    {
        var info = KpiSyncExecutable.StartInfo(["serve"]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start kpisync serve");
        // Drained so a chatty node never blocks on a full pipe; warnings and errors are in its own log.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServeProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits until the node's /health says it is healthy (its Hangfire server is heartbeating).</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < timeout; await Task.Delay(500, ct))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"kpisync serve exited with code {_process.ExitCode} before it was healthy");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }

        throw new TimeoutException($"kpisync serve at {BaseUrl} was not healthy within {timeout}");
    }

    public async ValueTask DisposeAsync()
    {
        using (_process)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }
}
