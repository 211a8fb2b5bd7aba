using System.Globalization;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// Authorization codes and issued OAuth tokens, all under one lock so that concurrent exchanges of one code
/// or one refresh token have exactly one winner. Token strings come from counters, not from the seeded
/// generator, so issuing tokens never shifts the seeded data.
/// </summary>
internal sealed class TokenStore(string longLivedToken, TimeSpan accessTokenLifetime)
{
    /// <summary>maddevs/maddevs#630: a code lives about 20 minutes and works once.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(20);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _liveRefreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedRefreshTokens = new(StringComparer.Ordinal);
    private long _tokenCounter;
    private long _codeCounter;
    private int _refreshCount;

    public TimeSpan AccessTokenLifetime => accessTokenLifetime;

    public int RefreshCount => Volatile.Read(ref _refreshCount);

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

    public string IssueCode(DateTimeOffset now)
    {
        lock (_gate)
        {
            var code = Format("sim-code", ++_codeCounter, 0xD6E8FEB86659FD93UL);
            _codes[code] = now + CodeLifetime;
            return code;
        }
    }

    /// <summary>Spends an issued, unexpired code and issues a token pair; null for an unknown, used or expired code.</summary>
    public (string AccessToken, string RefreshToken)? TryExchangeCode(string code, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _codes.Remove(code, out var expiresAt) && now < expiresAt ? Issue(now) : null;
        }
    }

    /// <summary>Spends a refresh token and issues a new pair, or says why it cannot.</summary>
    public (RefreshOutcome Outcome, (string AccessToken, string RefreshToken) Tokens) TryRefresh(string refreshToken, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_liveRefreshTokens.Remove(refreshToken))
            {
                _usedRefreshTokens.Add(refreshToken);
                _refreshCount++;
                return (RefreshOutcome.Accepted, Issue(now));
            }

            return (_usedRefreshTokens.Contains(refreshToken) ? RefreshOutcome.Revoked : RefreshOutcome.Unknown, default);
        }
    }

    /// <summary>Every access token issued so far stops working; refresh tokens stay valid.</summary>
    public void RevokeAccessTokens()
    {
        lock (_gate)
        {
            _accessTokens.Clear();
        }
    }

    private (string AccessToken, string RefreshToken) Issue(DateTimeOffset now)
    {
        var number = ++_tokenCounter;
        var access = Format("sim-at", number, 0x9E3779B97F4A7C15UL);
        var refresh = Format("sim-rt", number, 0xC2B2AE3D27D4EB4FUL);
        _accessTokens[access] = now + accessTokenLifetime;
        _liveRefreshTokens.Add(refresh);
        return (access, refresh);
    }

    private static string Format(string prefix, long number, ulong multiplier)
    {
        var scrambled = unchecked((ulong)number * multiplier) ^ (multiplier >> 7);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{number:D6}-{scrambled:x16}");
    }
}
