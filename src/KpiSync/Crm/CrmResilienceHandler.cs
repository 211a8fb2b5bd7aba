using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace KpiSync.Crm;

/// <summary>
/// Rate limit, per-attempt timeout and retry for every CRM call. 429s, 5xx, timeouts and dropped connections are
/// retried with exponential backoff and jitter, honouring Retry-After where a CRM sends one (amoCRM does not).
/// </summary>
internal sealed class CrmResilienceHandler : DelegatingHandler
{
    private readonly CrmRateLimiters _limiters;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public CrmResilienceHandler(CrmRateLimiters limiters, IOptions<CrmOptions> options, ILogger<CrmResilienceHandler> logger, TimeProvider time)
    {
        _limiters = limiters;
        _time = time;
        var o = options.Value;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(o.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(60),
                ShouldHandle = args => ValueTask.FromResult(o.MaxRetries > 0 && IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    Log.Retrying(logger, args.AttemptNumber + 1, args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name, args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(o.Timeout)
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limiter = request.Options.TryGetValue(CrmRequestOptions.Connection, out var c) ? _limiters.For(c.Id) : null;
        return await _pipeline.ExecuteAsync(async ct =>
        {
            if (limiter is not null)
            {
                await limiter.WaitAsync(ct);
            }

            return await base.SendAsync(request, ct);
        }, cancellationToken);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result.StatusCode: var s } when (int)s >= 500 => true,
        _ => false,
    };

    /// <summary>The server's Retry-After when it sent one; null lets the exponential backoff decide.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > _time.GetUtcNow() => date - _time.GetUtcNow(),
        _ => null,
    };
}
