using KpiSync.Storage;

namespace KpiSync.Crm;

/// <summary>
/// Spaces a connection's request starts at least 1/rps apart, across every node: amoCRM counts requests per
/// integration in a sliding second, so bursts (which a timer-refilled token bucket allows around each refill) and
/// two nodes pacing separately both draw 429s. Slots come from the shared budget in PostgreSQL; on top, this
/// node keeps its own sends apart by the spacing measured from when the previous one actually left, because a
/// late wake-up would otherwise squeeze the next gap. A 2 % margin (1 % measured 429s on loopback) absorbs the CRM's own clock jitter.
/// </summary>
internal sealed class RequestPacer(int connectionId, double requestsPerSecond, RequestBudgetStore budgets, TimeProvider time) : IDisposable
{
    private readonly TimeSpan _spacing = TimeSpan.FromSeconds(1.02 / requestsPerSecond);
    private readonly SemaphoreSlim _local = new(1, 1);
    private long _lastSend;

    public async Task WaitAsync(CancellationToken ct)
    {
        var wait = await budgets.ReserveAsync(connectionId, _spacing, ct);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }

        await _local.WaitAsync(ct);
        try
        {
            var since = _lastSend == 0 ? _spacing : time.GetElapsedTime(_lastSend);
            if (since < _spacing)
            {
                await Task.Delay(_spacing - since, time, ct);
            }

            _lastSend = time.GetTimestamp();
        }
        finally
        {
            _local.Release();
        }
    }

    public void Dispose() => _local.Dispose();
}
