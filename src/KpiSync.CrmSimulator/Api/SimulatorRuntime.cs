using KpiSync.CrmSimulator.Live;
using KpiSync.CrmSimulator.Webhooks;

namespace KpiSync.CrmSimulator.Api;

/// <summary>What the endpoints share: options, data, tokens, switches and counters of one simulator instance.</summary>
internal sealed class SimulatorRuntime : IDisposable
{
    private SimulatorFaults _faults;
    private int _requestCount;
    private int _rateLimitedCount;
    private int _faultCount;
    private long _faultSequence;
    private volatile bool _blocked;
    private volatile bool _unpaid;

    public SimulatorRuntime(SimulatorOptions options, SimulatorState state)
    {
        Options = options;
        State = state;
        Tokens = new TokenStore(options.AccessToken, options.AccessTokenLifetime);
        _faults = options.Faults;
        Webhooks = new WebhookRegistry();
        Sender = new WebhookSender(this);
        Activity = new LiveActivity(this);
    }

    public SimulatorOptions Options { get; }

    public SimulatorState State { get; }

    public LiveStore Store => State.Store;

    public TokenStore Tokens { get; }

    public WebhookRegistry Webhooks { get; }

    public WebhookSender Sender { get; }

    public LiveActivity Activity { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Known only once Kestrel has bound its port; set before the first request can be served.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    public SimulatorFaults Faults
    {
        get => Volatile.Read(ref _faults);
        set => Volatile.Write(ref _faults, value ?? SimulatorFaults.None);
    }

    public bool Blocked
    {
        get => _blocked;
        set => _blocked = value;
    }

    public bool Unpaid
    {
        get => _unpaid;
        set => _unpaid = value;
    }

    public int RequestCount => Volatile.Read(ref _requestCount);

    public int RateLimitedCount => Volatile.Read(ref _rateLimitedCount);

    public int FaultCount => Volatile.Read(ref _faultCount);

    public void CountRequest() => Interlocked.Increment(ref _requestCount);

    public void CountRateLimited() => Interlocked.Increment(ref _rateLimitedCount);

    public void CountFault() => Interlocked.Increment(ref _faultCount);

    /// <summary>The sequence number the fault dice roll for: 1, 2, … over requests that reach the fault stage.</summary>
    public long NextFaultSequence() => Interlocked.Increment(ref _faultSequence);

    /// <summary>An absolute href under the simulator's base URL; <paramref name="relative"/> has no leading slash.</summary>
    public string Href(string relative) => BaseUrl.AbsoluteUri + relative;

    public void Dispose() => Sender.Dispose();
}
