using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace KpiSync.Admin;

/// <summary>
/// Sign-in attempts per client IP and per user name (fixed windows, Admin:LoginAttemptsPerIp / PerUser within
/// Admin:LoginWindow). Kept in this node's memory: behind a load balancer with N nodes a guesser gets at most N times
/// the limit, still a handful per minute.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp;
    private readonly PartitionedRateLimiter<string> _perUser;
    private readonly TimeSpan _window;

    public LoginThrottle(IOptions<AdminOptions> options)
    {
        var o = options.Value;
        _window = o.LoginWindow;
        _perIp = Create(o.LoginAttemptsPerIp, o.LoginWindow);
        _perUser = Create(o.LoginAttemptsPerUser, o.LoginWindow);
    }

    /// <summary>Counts one attempt; returns how long to wait when either limit is used up, null when the attempt may go on.</summary>
    public TimeSpan? TryAttempt(string clientIp, string userName)
    {
        using var ip = _perIp.AttemptAcquire(clientIp);
        if (!ip.IsAcquired)
        {
            return RetryAfter(ip);
        }

        using var user = _perUser.AttemptAcquire(userName.Trim().ToUpperInvariant());
        return user.IsAcquired ? null : RetryAfter(user);
    }

    public void Dispose()
    {
        _perIp.Dispose();
        _perUser.Dispose();
    }

    private TimeSpan RetryAfter(RateLimitLease lease) => lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _window;

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
