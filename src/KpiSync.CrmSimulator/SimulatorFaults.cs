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

    /// <value>
    /// Default 0. Share of successful /api/v4 GET responses (lists, account, users, pipelines, fields, catalogs,
    /// webhooks) whose JSON body is cut off mid-way: still 200 and hal+json, with a Content-Length that matches the
    /// cut body, so the response arrives whole and only parsing it fails.
    /// </value>
    public double MalformedPages { get; init; }

    /// <value>
    /// Default 0. Share of successful /api/v4 GET responses sent as 200 with a Content-Length of the full body, of
    /// which only the first half is written before the connection is aborted: reading the body fails
    /// (HttpIOException, "The response ended prematurely").
    /// </value>
    public double TruncatedBodies { get; init; }

    /// <value>
    /// Default 0. Share of successful /api/v4 GET responses (an empty 204 list included) replaced by a 200 text/html
    /// captcha page from the front proxy instead of JSON.
    /// </value>
    public double NonJsonOk { get; init; }

    /// <value>
    /// Default 0. Share of /api/v4 POST and PATCH requests that are applied and succeed, after which the connection
    /// is aborted instead of answering: the client cannot tell whether the write happened. Rejected writes are
    /// answered as usual.
    /// </value>
    public double LostWriteResponses { get; init; }

    /// <value>
    /// Default null. After this many accepted /api/v4 requests every access token issued so far by the token
    /// endpoint is revoked (once); refresh tokens stay valid. The long-lived token is not affected.
    /// </value>
    public int? RevokeTokenAfter { get; init; }

    /// <value>Default 1. Seeds the fault dice, independently of the data generator.</value>
    public int Seed { get; init; } = 1;
}
