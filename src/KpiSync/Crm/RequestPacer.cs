namespace KpiSync.Crm;

/// <summary>
/// Spaces request starts at least 1/rps apart (no bursts). amoCRM counts requests in a sliding second, and a token
/// bucket refilled by a timer lets two permits through back to back around a refill, which that window punishes
/// with 429s. A 2 % margin absorbs scheduling jitter between our clock and the server's.
/// </summary>
internal sealed class RequestPacer(double requestsPerSecond, TimeProvider time)
{
    private readonly TimeSpan _spacing = TimeSpan.FromSeconds(1.02 / requestsPerSecond);
    private readonly Lock _gate = new();
    private long _nextSlot;

    public async Task WaitAsync(CancellationToken ct)
    {
        long slot;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            slot = Math.Max(now, _nextSlot);
            _nextSlot = slot + (long)(_spacing.TotalSeconds * time.TimestampFrequency);
        }

        var wait = time.GetElapsedTime(time.GetTimestamp(), slot);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }
    }
}
