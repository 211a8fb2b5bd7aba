namespace KpiSync.CrmSimulator;

/// <summary>
/// Injected failures for /api/v4/* and /oauth2/access_token. Shares are probabilities from 0 to 1, rolled
/// per request from (<see cref="Seed"/>, request sequence number), so a run is repeatable. Requests the
/// rate limiter answers are never faulted.
/// </summary>
public sealed record SimulatorFaults
{
    public static SimulatorFaults None { get; } = new();

    /// <value>Default 0. Share answered 429 with nginx's HTML page and no Retry-After, on top of the real rate limit.</value>
    public double TooManyRequests { get; init; }

    /// <value>Default 0. Share answered 500, 502, 503 or 504 (502/504 with nginx HTML, 500/503 problem+json).</value>
    public double ServerErrors { get; init; }

    /// <value>Default 0. Share delayed by <see cref="SlowDelay"/> before being handled.</value>
    public double Slow { get; init; }

    /// <value>Default 2 seconds.</value>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <value>Default 0. Share whose connection is aborted before the request is handled (nothing is applied).</value>
    public double Dropped { get; init; }

    /// <value>Default 0. Share of successful GET responses with <c>_embedded</c> whose body is cut off mid-JSON (still 200, hal+json).</value>
    public double MalformedPages { get; init; }

    /// <value>
    /// Default null. After this many accepted /api/v4 requests every access token issued so far by the token
    /// endpoint is revoked (once); refresh tokens stay valid. The long-lived token is not affected.
    /// </value>
    public int? RevokeTokenAfter { get; init; }

    /// <value>Default 1. Seeds the fault dice, independently of the data generator.</value>
    public int Seed { get; init; } = 1;
}
