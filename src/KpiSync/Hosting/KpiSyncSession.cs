using KpiSync.Admin;

namespace KpiSync.Hosting;

/// <summary>
/// A started host for one command, and the private PostgreSQL it may have started (when no connection string is
/// configured). Disposing stops both, in that order.
/// </summary>
public sealed class KpiSyncSession : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IAsyncDisposable? _database;

    private KpiSyncSession(IHost host, IAsyncDisposable? database)
    {
        _host = host;
        _database = database;
    }

    public IServiceProvider Services => _host.Services;

    public IHost Host => _host;

    /// <summary>Builds and starts a host: resolves the database, runs migrations, validates every option.</summary>
    public static async Task<KpiSyncSession> StartAsync(HostMode mode, IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct,
        Action<IServiceCollection>? configureServices = null)
    {
        IHostApplicationBuilder builder = mode == HostMode.Serve
            ? WebApplication.CreateBuilder(KpiSyncHostBuilder.WebOptions([]))
            : Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(KpiSyncHostBuilder.CliSettings());
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // appsettings.json's Urls would otherwise win over the standard ASPNETCORE_URLS (read before it); --urls and
        // a Urls / KPISYNC__Urls variable still win over both.
        if (mode == HostMode.Serve && overrides?.ContainsKey("Urls") != true && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } aspnetUrls
            && Environment.GetEnvironmentVariable("Urls") is null && Environment.GetEnvironmentVariable(KpiSyncHostBuilder.EnvironmentPrefix + "Urls") is null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = aspnetUrls });
        }

        var database = await DatabaseBootstrap.ResolveAsync(builder.Configuration, ct);
        try
        {
            // Tests replace seams (the clock) before the features register their defaults with TryAdd.
            configureServices?.Invoke(builder.Services);
            builder.AddKpiSync(mode);
            IHost host;
            if (builder is WebApplicationBuilder web)
            {
                var app = web.Build();
                app.UseKpiSyncRequestLogging().MapKpiSyncEndpoints();
                host = app;
            }
            else
            {
                host = ((HostApplicationBuilder)builder).Build();
            }

            await host.StartAsync(ct);
            if (mode == HostMode.Serve)
            {
                host.Services.GetRequiredService<LogRouting>().ServerStarted();
            }

            return new KpiSyncSession(host, database);
        }
        catch
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None);
        }
        finally
        {
            (_host as IDisposable)?.Dispose();
            if (_host is IAsyncDisposable a)
            {
                await a.DisposeAsync();
            }

            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }
}
