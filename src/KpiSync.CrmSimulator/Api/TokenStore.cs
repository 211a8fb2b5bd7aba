using System.Globalization;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// Issued OAuth tokens. Token strings come from a counter, not from the seeded generator, so issuing
/// tokens never shifts the seeded data.
/// </summary>
internal sealed class TokenStore(string longLivedToken)
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _liveRefreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedRefreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedCodes = new(StringComparer.Ordinal);
    private long _counter;

    public bool IsValid(string accessToken, DateTimeOffset now)
    {
        if (string.Equals(accessToken, longLivedToken, StringComparison.Ordinal))
        {
            return true;
        }

        lock (_gate)
        {
            return _accessTokens.TryGetValue(accessToken, out var expiresAt) && now < expiresAt;
        }
    }

    /// <summary>An authorization code works once.</summary>
    public bool TryUseCode(string code)
    {
        lock (_gate)
        {
            return _usedCodes.Add(code);
        }
    }

    public RefreshOutcome TryUseRefreshToken(string refreshToken)
    {
        lock (_gate)
        {
            if (_liveRefreshTokens.Remove(refreshToken))
            {
                _usedRefreshTokens.Add(refreshToken);
                return RefreshOutcome.Accepted;
            }

            return _usedRefreshTokens.Contains(refreshToken) ? RefreshOutcome.Revoked : RefreshOutcome.Unknown;
        }
    }

    public (string AccessToken, string RefreshToken) Issue(DateTimeOffset now)
    {
        lock (_gate)
        {
            var number = ++_counter;
            var access = Format("sim-at", number, 0x9E3779B97F4A7C15UL);
            var refresh = Format("sim-rt", number, 0xC2B2AE3D27D4EB4FUL);
            _accessTokens[access] = now + AccessTokenLifetime;
            _liveRefreshTokens.Add(refresh);
            return (access, refresh);
        }
    }

    private static string Format(string prefix, long number, ulong multiplier)
    {
        var scrambled = unchecked((ulong)number * multiplier) ^ (multiplier >> 7);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{number:D6}-{scrambled:x16}");
    }
}
