namespace KpiSync.CrmSimulator.Api;

/// <summary>What the endpoints share: options, data, tokens and counters of one simulator instance.</summary>
internal sealed class SimulatorRuntime(SimulatorOptions options, SimulatorState state)
{
    private int _requestCount;
    private int _rateLimitedCount;

    public SimulatorOptions Options { get; } = options;

    public SimulatorState State { get; } = state;

    public TokenStore Tokens { get; } = new(options.AccessToken);

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Known only once Kestrel has bound its port; set before the first request can be served.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    public int RequestCount => Volatile.Read(ref _requestCount);

    public int RateLimitedCount => Volatile.Read(ref _rateLimitedCount);

    public void CountRequest() => Interlocked.Increment(ref _requestCount);

    public void CountRateLimited() => Interlocked.Increment(ref _rateLimitedCount);

    /// <summary>An absolute href under the simulator's base URL; <paramref name="relative"/> has no leading slash.</summary>
    public string Href(string relative) => BaseUrl.AbsoluteUri + relative;
}
