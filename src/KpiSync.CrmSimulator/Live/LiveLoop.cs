using KpiSync.CrmSimulator.Api;

namespace KpiSync.CrmSimulator.Live;

/// <summary>Runs a live step every <see cref="SimulatorOptions.LiveInterval"/> (on the options' TimeProvider) until disposed.</summary>
internal sealed class LiveLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public LiveLoop(SimulatorRuntime runtime) => _loop = RunAsync(runtime, _stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    private static async Task RunAsync(SimulatorRuntime runtime, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(runtime.Options.LiveInterval, runtime.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                runtime.Activity.Step();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the loop ends quietly.
        }
    }
}
