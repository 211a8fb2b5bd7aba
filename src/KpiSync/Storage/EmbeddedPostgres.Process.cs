using System.Diagnostics;

namespace KpiSync.Storage;

internal sealed partial class EmbeddedPostgres
{
    private static bool RunsAsRoot => Environment.UserName == "root";

    private async Task<FileStream> AcquireStartLockAsync(CancellationToken ct)
    {
        var path = Path.Combine(_root, ".start.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static async Task<int> RunAsPostgresAsync(IReadOnlyList<string> command, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("runuser") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])["-u", "postgres", "--", .. command])
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new StorageException("Could not start runuser.");
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }

    /// <summary>Runs a PostgreSQL tool, as the 'postgres' user when we are root; output goes to the cluster's log folder.</summary>
    private async Task<int> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct, bool throwOnError = true)
    {
        var asPostgres = RunsAsRoot && tool != "chown";
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", tool])
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new StorageException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new StorageException($"{Path.GetFileName(tool)} {(args.Count > 0 ? args[0] : "")} failed (exit {process.ExitCode}): {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
        }

        return process.ExitCode;
    }
}
