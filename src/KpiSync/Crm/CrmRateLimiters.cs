using System.Collections.Concurrent;
using KpiSync.Storage;
using Microsoft.Extensions.Options;

namespace KpiSync.Crm;

/// <summary>One request budget per connection, shared by every job of that connection on every node.</summary>
internal sealed class CrmRateLimiters(IOptions<CrmOptions> options, RequestBudgetStore budgets, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<int, RequestPacer> _pacers = new();

    public RequestPacer? For(int connectionId)
    {
        var rps = options.Value.RequestsPerSecond;
        return rps <= 0 ? null : _pacers.GetOrAdd(connectionId, id => new RequestPacer(id, rps, budgets, time));
    }

    public void Dispose()
    {
        foreach (var pacer in _pacers.Values)
        {
            pacer.Dispose();
        }
    }
}
