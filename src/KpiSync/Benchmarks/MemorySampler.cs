using System.Diagnostics;

namespace KpiSync.Benchmarks;

/// <summary>Samples this process's managed heap every 100 ms; the peak working set comes from the OS at the end.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakHeap;

    public MemorySampler() => _loop = RunAsync(_stop.Token);

    /// <summary>Largest GC heap seen (bytes), live objects and garbage not yet collected alike.</summary>
    public long PeakManagedHeap => Interlocked.Read(ref _peakHeap);

    public static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        try
        {
            do
            {
                var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
                if (heap > _peakHeap)
                {
                    Interlocked.Exchange(ref _peakHeap, heap);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped by DisposeAsync.
        }
    }
}
