using KpiSync.Storage;

namespace KpiSync.Crm;

/// <summary>
/// Paces a connection's requests across every node. amoCRM counts requests per integration in a sliding second, so
/// bursts (which a timer-refilled token bucket allows around each refill) and two nodes pacing separately both draw
/// 429s. Slots, 1/rps apart on an absolute schedule, come from the shared budget in PostgreSQL; a late wake-up does
/// not push the next slot back, so lateness never accumulates. On top, this node mirrors the CRM's own rule: no more
/// than ⌊rps⌋ sends in any window of ⌊rps⌋/rps seconds, so a late send followed by a punctual one cannot crowd a window.
/// A 1.5 % margin on both absorbs the CRM's clock jitter (1 % drew the odd 429 on loopback).
/// </summary>
internal sealed class RequestPacer : IDisposable
{
    private const double Margin = 1.015;
    private readonly int _connectionId;
    private readonly RequestBudgetStore _budgets;
    private readonly TimeProvider _time;
    private readonly TimeSpan _spacing;
    private readonly TimeSpan _window;
    private readonly long[] _sends;
    private readonly SemaphoreSlim _local = new(1, 1);
    private int _next;

    public RequestPacer(int connectionId, double requestsPerSecond, RequestBudgetStore budgets, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        (_connectionId, _budgets, _time) = (connectionId, budgets, time);
        var perWindow = Math.Max(1, (int)Math.Floor(requestsPerSecond));
        _spacing = TimeSpan.FromSeconds(Margin / requestsPerSecond);
        _window = TimeSpan.FromSeconds(Margin * perWindow / requestsPerSecond);
        _sends = new long[perWindow];
    }

    public async Task WaitAsync(CancellationToken ct)
    {
        var wait = await _budgets.ReserveAsync(_connectionId, _spacing, ct);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, ct);
        }

        await _local.WaitAsync(ct);
        try
        {
            // The send ⌊rps⌋ places back must have left a whole window ago.
            var oldest = _sends[_next];
            if (oldest != 0 && _time.GetElapsedTime(oldest) is var since && since < _window)
            {
                await Task.Delay(_window - since, _time, ct);
            }

            _sends[_next] = _time.GetTimestamp();
            _next = (_next + 1) % _sends.Length;
        }
        finally
        {
            _local.Release();
        }
    }

    public void Dispose() => _local.Dispose();
}
