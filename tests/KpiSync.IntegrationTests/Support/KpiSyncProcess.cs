using System.Diagnostics;

namespace KpiSync.IntegrationTests.Support;

/// <summary>Runs the real <c>kpisync</c> executable (built beside the tests) as a child process.</summary>
public static class KpiSyncProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static Task<Result> RunAsync(string? connectionString, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunInAsync(Directory.CreateTempSubdirectory("kpisync-cli-").FullName, connectionString, environment, args);

    /// <summary>Starts the executable and returns at once (for tests that kill it).</summary>
    public static Process Start(string? connectionString, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = StartInfo(Directory.CreateTempSubdirectory("kpisync-cli-").FullName, connectionString, environment, args);
        psi.RedirectStandardOutput = false;
        psi.RedirectStandardError = false;
        return Process.Start(psi)!;
    }

    /// <summary>Runs the executable with <paramref name="input"/> on its stdin (then closed).</summary>
    public static async Task<Result> RunWithInputAsync(string? connectionString, string input, params string[] args)
    {
        var psi = StartInfo(Directory.CreateTempSubdirectory("kpisync-cli-").FullName, connectionString, null, args);
        psi.RedirectStandardInput = true;
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    public static async Task<Result> RunInAsync(string workingDirectory, string? connectionString, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = StartInfo(workingDirectory, connectionString, environment, args);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kpisync {string.Join(' ', args)} did not finish in 3 minutes: {await output} {await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string? connectionString, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kpisync.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (connectionString is not null)
        {
            psi.Environment["ConnectionStrings__KpiSync"] = connectionString;
        }

        psi.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        return psi;
    }
}
