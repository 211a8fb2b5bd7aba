using Microsoft.Extensions.Options;

namespace KpiSync.Admin;

/// <summary>
/// Failed sign-ins per client address and per address and user name (fixed windows of Admin:LoginWindow from the first
/// failure). Only failures count and a success clears its address and user's count, so an admin who signs in often is
/// never stopped; nothing is counted per user name alone, so a stranger guessing from elsewhere cannot lock an account
/// out. Kept in this node's memory: behind a load balancer with N nodes a guesser gets at most N times the limit.
/// </summary>
internal sealed class LoginThrottle(IOptions<AdminOptions> options, TimeProvider time)
{
    // Expired windows are dropped once this many keys are held, so a flood of addresses cannot grow memory without end.
    private const int PruneAbove = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _failures = new(StringComparer.Ordinal);

    /// <summary>Reserves one attempt; returns how long to wait when either limit is used up, null when the attempt may
    /// go on. A reserved attempt counts as a failure until <see cref="Succeeded"/> gives it back.</summary>
    public TimeSpan? TryAttempt(string clientIp, string userName)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var (ip, pair) = Keys(clientIp, userName);
        lock (_gate)
        {
            Prune(now, o.LoginWindow);
            var byIp = Current(ip, now, o.LoginWindow);
            var byPair = Current(pair, now, o.LoginWindow);
            if (byIp.Count >= o.LoginAttemptsPerIp || byPair.Count >= o.LoginAttemptsPerUser)
            {
                var until = byIp.Count >= o.LoginAttemptsPerIp ? byIp.Start : byPair.Start;
                return until + o.LoginWindow - now;
            }

            _failures[ip] = byIp with { Count = byIp.Count + 1 };
            _failures[pair] = byPair with { Count = byPair.Count + 1 };
            return null;
        }
    }

    /// <summary>The attempt was right: it is not a failure, and this address and user start again from zero.</summary>
    public void Succeeded(string clientIp, string userName)
    {
        var (ip, pair) = Keys(clientIp, userName);
        lock (_gate)
        {
            _failures.Remove(pair);
            if (_failures.TryGetValue(ip, out var byIp))
            {
                _failures[ip] = byIp with { Count = Math.Max(0, byIp.Count - 1) };
            }
        }
    }

    private static (string Ip, string Pair) Keys(string clientIp, string userName) =>
        ("ip:" + clientIp, "user:" + clientIp + "\n" + userName.Trim().ToUpperInvariant());

    private Window Current(string key, DateTimeOffset now, TimeSpan window) =>
        _failures.TryGetValue(key, out var w) && now - w.Start < window ? w : new Window(now, 0);

    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        if (_failures.Count < PruneAbove)
        {
            return;
        }

        foreach (var key in _failures.Where(f => now - f.Value.Start >= window).Select(f => f.Key).ToList())
        {
            _failures.Remove(key);
        }
    }

    private readonly record struct Window(DateTimeOffset Start, int Count);
}
