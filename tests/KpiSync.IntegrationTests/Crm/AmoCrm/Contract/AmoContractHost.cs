using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.Auth;
using KpiSync.Hosting;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>
/// One WireMock server on loopback standing in for amoCRM, and one started KpiSync (the production service graph, a
/// fresh database) per test class. Each test takes a connection of its own (its own token cache, pacer and circuit)
/// and resets the server first.
/// </summary>
public sealed class AmoContractHost(PostgresServer postgres) : IAsyncLifetime
{
    public const string Token = "long-lived-token";

    private static int _connections;
    private KpiSyncSession? _session;

    public WireMockServer Server { get; } = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    public Uri BaseUrl => new(Server.Url! + "/");

    public string ConnectionString { get; private set; } = "";

    public KpiSyncSession Session => _session ?? throw new InvalidOperationException("not started");

    public T Get<T>() where T : notnull => Session.Services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("contract");
        var overrides = new Dictionary<string, string?>
        {
            ["ConnectionStrings:KpiSync"] = ConnectionString,
            ["Crm:RequestsPerSecond"] = "0",
            ["Crm:RetryBaseDelay"] = "00:00:00.050",
            ["Crm:MaxRetries"] = "3",
            // The shortest a timeout may be; WireMock answers in milliseconds, so only the slow-answer test meets it.
            ["Crm:Timeout"] = "00:00:01",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var time = new FixedTimeProvider(CycleHarness.Now);
        _session = await KpiSyncSession.StartAsync(HostMode.Cli, overrides, CancellationToken.None, s => s.AddSingleton<TimeProvider>(time));

        // The first call of a process pays for JIT, the data-protection key and the pools, well past the 1 s attempt
        // timeout on this shared machine: it would be retried and the tests would see two requests.
        var warm = await StartTestAsync();
        Server.Given(WireMock.RequestBuilders.Request.Create().UsingAnyMethod())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(204));
        await Client(warm).GetPipelinesAsync(CancellationToken.None);
    }

    /// <summary>A fresh server (no mappings, no log) and a new connection to it.</summary>
    public async Task<CrmConnection> StartTestAsync(CrmCredentials? credentials = null, string? timeZone = "Europe/Moscow")
    {
        Server.Reset();
        var ct = TestContext.Current.CancellationToken;
        var name = "wm" + Interlocked.Increment(ref _connections);
        await Get<ConnectionStore>().AddAsync(name, CrmKinds.AmoCrm, BaseUrl, timeZone, credentials ?? CrmCredentials.FromLongLivedToken(Token), ct);
        return (await Get<ConnectionStore>().FindAsync(name, ct))!;
    }

    internal AmoCrmClient Client(CrmConnection connection) => Get<AmoCrmClientFactory>().Create(connection);

    public async Task<CrmConnection> ReloadAsync(CrmConnection connection) =>
        (await Get<ConnectionStore>().FindAsync(connection.Name, TestContext.Current.CancellationToken))!;

    public IReadOnlyList<ILogEntry> Requests => [.. Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>The one request the server got; the failure lists them all.</summary>
    public ILogEntry OnlyRequest()
    {
        var all = Requests;
        Assert.True(all.Count == 1, $"{all.Count} requests: " + string.Join(", ", all.Select(r => $"{r.RequestMessage.Method} {r.RequestMessage.Url}")));
        return all[0];
    }

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Crm", "AmoCrm", "Contract", "Fixtures", name));

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => (T)(await ExecuteAsync(sql, parameters))!;

    public async Task<object?> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (n, v) in parameters)
        {
            cmd.Parameters.AddWithValue(n, v);
        }

        return await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        Server.Stop();
        Server.Dispose();
    }
}
