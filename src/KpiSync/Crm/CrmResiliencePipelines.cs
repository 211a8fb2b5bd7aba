using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace KpiSync.Crm;

/// <summary>
/// One resilience pipeline per connection (a circuit is about one CRM account, not all of them): retry with
/// exponential backoff and jitter (Retry-After honoured where sent; amoCRM sends none), a circuit breaker that opens
/// when most recent calls fail, and a per-attempt timeout.
/// </summary>
internal sealed class CrmResiliencePipelines(IOptions<CrmOptions> options, TimeProvider time, ILogger<CrmResiliencePipelines> logger)
{
    /// <summary>Set on a request whose repetition could apply it twice (a POST that creates): retried only on 429.</summary>
    public static readonly HttpRequestOptionsKey<bool> NotIdempotent = new("kpisync.not-idempotent");

    /// <summary>The same flag, carried into the retry strategy through the resilience context.</summary>
    public static readonly ResiliencePropertyKey<bool> NotIdempotentProperty = new(NotIdempotent.Key);

    private readonly ConcurrentDictionary<int, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    /// <summary>Set on the calls to the built-in simulator (<see cref="MarkSimulator"/>).</summary>
    public static readonly ResiliencePropertyKey<bool> SimulatorProperty = new("kpisync.simulator");

    private readonly ConcurrentDictionary<Uri, bool> _simulators = new();
    private ResiliencePipeline<HttpResponseMessage>? _check;

    /// <summary>The demo's own simulator at <paramref name="baseUrl"/> paces and answers 429 on purpose: its retries are
    /// routine, logged at Debug, where a real CRM's limits warn.</summary>
    public void MarkSimulator(Uri baseUrl) => _simulators[baseUrl] = true;

    public bool IsSimulator(Uri baseUrl) => _simulators.ContainsKey(baseUrl);

    public ResiliencePipeline<HttpResponseMessage> For(int connectionId) => _pipelines.GetOrAdd(connectionId, _ => Build());

    /// <summary>
    /// A connection check's: a person waits for the answer, so one attempt with a short timeout and no retries; and no
    /// circuit breaker, so a check neither trips nor waits for the connection's circuit.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> ForCheck() =>
        _check ??= new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddTimeout(options.Value.CheckTimeout).Build();

    private ResiliencePipeline<HttpResponseMessage> Build()
    {
        var o = options.Value;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(o.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(60),
                ShouldHandle = args => ValueTask.FromResult(o.MaxRetries > 0 && ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)
                    ?? FirstRateLimitedDelay(args.AttemptNumber, args.Outcome.Result, o.RetryBaseDelay, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    var routine = args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
                        && args.Context.Properties.TryGetValue(SimulatorProperty, out var simulator) && simulator;
                    Log.Retrying(logger, routine ? LogLevel.Debug : LogLevel.Warning, args.AttemptNumber + 1,
                        args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name, Durations.Human(args.RetryDelay));
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.8,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = o.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(o.Timeout)
            .Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        context.Properties.TryGetValue(NotIdempotentProperty, out var notIdempotent) && notIdempotent
            ? outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
            : IsTransient(outcome);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result.StatusCode: var s } when (int)s >= 500 => true,
        _ => false,
    };

    /// <summary>
    /// A first 429 on a paced connection is the CRM's clock jitter far more often than a real overrun (the pacer keeps a
    /// margin), and the next slot is a fraction of a second away: the first retry waits a quarter to a half of the base
    /// delay. A second 429 in a row gets the full exponential backoff. Null for everything else.
    /// </summary>
    internal static TimeSpan? FirstRateLimitedDelay(int attempt, HttpResponseMessage? response, TimeSpan baseDelay, double jitter) =>
        attempt == 0 && response?.StatusCode == HttpStatusCode.TooManyRequests ? baseDelay * (0.25 + (0.25 * jitter)) : null;

    /// <summary>The server's Retry-After when it sent one; null lets the exponential backoff decide.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > time.GetUtcNow() => date - time.GetUtcNow(),
        _ => null,
    };
}
