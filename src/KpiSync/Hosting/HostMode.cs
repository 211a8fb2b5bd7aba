namespace KpiSync.Hosting;

/// <summary>What a command needs: the services alone (CLI), or also the web host and the scheduler (serve, demo).</summary>
public enum HostMode
{
    Cli,
    Serve,
}
