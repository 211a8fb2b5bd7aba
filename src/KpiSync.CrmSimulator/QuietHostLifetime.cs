using Microsoft.Extensions.Hosting;

namespace KpiSync.CrmSimulator;

/// <summary>
/// Replaces ConsoleLifetime: the simulator lives inside another process (demo, tests, bench) and must
/// neither hook Ctrl+C/SIGTERM nor print start-up banners; its owner stops it through DisposeAsync.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
