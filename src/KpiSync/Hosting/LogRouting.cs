namespace KpiSync.Hosting;

/// <summary>Whether the console may show logged exceptions: only once a server has started (see <see cref="KpiSyncLogging"/>).</summary>
internal sealed class LogRouting
{
    private volatile bool _consoleGetsExceptions;

    public bool ConsoleGetsExceptions => _consoleGetsExceptions;

    public void ServerStarted() => _consoleGetsExceptions = true;
}
