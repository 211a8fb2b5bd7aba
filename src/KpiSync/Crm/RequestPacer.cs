using KpiSync.Storage;

namespace KpiSync.Crm;

/// <summary>
/// Spaces a connection's request starts at least 1/rps apart, across every node: amoCRM counts requests per
/// integration in a sliding second, so bursts (which a timer-refilled token bucket allows around each refill) and
/// two nodes pacing separately both draw 429s. A 2 % margin absorbs jitter between our clocks and the CRM's.
/// </summary>
internal sealed class RequestPacer(int connectionId, double requestsPerSecond, RequestBudgetStore budgets, TimeProvider time)
{
    private readonly TimeSpan _spacing = TimeSpan.FromSeconds(1.02 / requestsPerSecond);

    public async Task WaitAsync(CancellationToken ct)
    {
        var wait = await budgets.ReserveAsync(connectionId, _spacing, ct);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }
    }
}
