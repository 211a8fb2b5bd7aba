using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace KpiSync.Crm;

/// <summary>
/// One request budget per connection, shared by every job on this node. Permits are spaced evenly
/// (one every 1/rps seconds, no bursts) because amoCRM counts requests in a sliding second.
/// </summary>
internal sealed class CrmRateLimiters(IOptions<CrmOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<int, RateLimiter> _limiters = new();

    public RateLimiter? For(int connectionId)
    {
        var rps = options.Value.RequestsPerSecond;
        if (rps <= 0)
        {
            return null;
        }

        return _limiters.GetOrAdd(connectionId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / rps) + TimeSpan.FromMilliseconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
