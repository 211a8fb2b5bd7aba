namespace KpiSync.Hosting;

/// <summary>Whether the console may show logged exceptions: only once a server has started (see <see cref="KpiSyncLogging"/>);
/// and at which level the steps log their results.</summary>
internal sealed class LogRouting(bool commandPrintsResults = false)
{
    private volatile bool _consoleGetsExceptions;

    public bool ConsoleGetsExceptions => _consoleGetsExceptions;

    /// <summary>
    /// The level of a step's result line ("Synced …", "Recomputed …"): Information in a server's log, Debug in a CLI
    /// command, which prints the result itself (once, on stdout).
    /// </summary>
    public LogLevel ResultLevel { get; } = commandPrintsResults ? LogLevel.Debug : LogLevel.Information;

    public void ServerStarted() => _consoleGetsExceptions = true;
}
