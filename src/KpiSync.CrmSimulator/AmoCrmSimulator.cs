using System.Net;
using KpiSync.CrmSimulator.Api;
using KpiSync.CrmSimulator.Generation;
using KpiSync.CrmSimulator.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KpiSync.CrmSimulator;

/// <summary>
/// A fake amoCRM API v4 account on 127.0.0.1 with seeded data, served by its own Kestrel instance.
/// It reads no configuration, environment variables or arguments of the hosting process.
/// </summary>
public sealed partial class AmoCrmSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorRuntime _runtime;
    private readonly LiveLoop? _liveLoop;
    private int _disposed;

    private AmoCrmSimulator(WebApplication app, SimulatorRuntime runtime, Uri baseUrl)
    {
        _app = app;
        _runtime = runtime;
        BaseUrl = baseUrl;
        _liveLoop = runtime.Options.Live ? new LiveLoop(runtime) : null;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (with a trailing slash).</summary>
    public Uri BaseUrl { get; }

    public SimulatorState State => _runtime.State;

    /// <summary>Every HTTP request served, including rejected ones.</summary>
    public int RequestCount => _runtime.RequestCount;

    /// <summary>Requests the rate limiter answered with 429 (injected 429s count in <see cref="FaultCount"/>).</summary>
    public int RateLimitedCount => _runtime.RateLimitedCount;

    public static async Task<AmoCrmSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Employees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Months, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.RequestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Volume);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AccessTokenLifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LiveInterval, TimeSpan.Zero);
        var anchor = options.Anchor ?? new DateTimeOffset(options.TimeProvider.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var state = new SimulatorState(AccountGenerator.Generate(options, anchor), options.Seed);
        var runtime = new SimulatorRuntime(options, state);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.MapSimulator(runtime);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var port = new Uri(address).Port;
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            runtime.BaseUrl = baseUrl;
            return new AmoCrmSimulator(app, runtime, baseUrl);
        }
        catch
        {
            await app.DisposeAsync();
            runtime.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_liveLoop is not null)
        {
            await _liveLoop.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _runtime.Dispose();
    }
}
