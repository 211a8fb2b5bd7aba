using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.CrmSimulator;
using KpiSync.Hosting;
using KpiSync.Scheduling;
using KpiSync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KpiSync.IntegrationTests.Support;

/// <summary>
/// A fresh database, a simulator on loopback and a started KpiSync host wired to both, with "now" pinned to the
/// simulator's anchor. Everything real: PostgreSQL, HTTP, the production service graph.
/// </summary>
public sealed class CycleHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);
    public const string ConnectionName = "sim";

    private readonly bool _ownsSimulator = true;

    private CycleHarness(AmoCrmSimulator simulator, KpiSyncSession session, string connectionString, bool ownsSimulator = true)
    {
        _ownsSimulator = ownsSimulator;
        Simulator = simulator;
        Session = session;
        ConnectionString = connectionString;
    }

    public AmoCrmSimulator Simulator { get; }

    public KpiSyncSession Session { get; }

    public string ConnectionString { get; }

    public T Get<T>() where T : notnull => Session.Services.GetRequiredService<T>();

    /// <summary>A harness with KpiSync's clock pinned at <see cref="Now"/> (timers still run), or <paramref name="clock"/>.</summary>
    public static async Task<CycleHarness> StartAsync(PostgresServer server, string name, SimulatorOptions? simulator = null,
        IReadOnlyDictionary<string, string?>? settings = null, HostMode mode = HostMode.Cli, TimeProvider? clock = null)
    {
        var sim = await AmoCrmSimulator.StartAsync(simulator ?? Options(), TestContext.Current.CancellationToken);
        return await StartAsync(server, name, sim, ownsSimulator: true, settings, mode, clock);
    }

    /// <summary>A second KpiSync, on its own database, reading a simulator another harness owns.</summary>
    public static Task<CycleHarness> AttachAsync(PostgresServer server, string name, AmoCrmSimulator simulator) =>
        StartAsync(server, name, simulator, ownsSimulator: false, null, HostMode.Cli, null);

    private static async Task<CycleHarness> StartAsync(PostgresServer server, string name, AmoCrmSimulator sim, bool ownsSimulator,
        IReadOnlyDictionary<string, string?>? settings, HostMode mode, TimeProvider? clock)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = clock ?? new FixedTimeProvider(Now);
        var cs = await server.CreateDatabaseAsync(name);
        var overrides = new Dictionary<string, string?>
        {
            ["ConnectionStrings:KpiSync"] = cs,
            ["Crm:RequestsPerSecond"] = "0",
            ["Crm:RetryBaseDelay"] = "00:00:00.050",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            overrides[k] = v;
        }

        var session = await KpiSyncSession.StartAsync(mode, overrides, ct, s => s.AddSingleton<TimeProvider>(time));
        await session.Services.GetRequiredService<ConnectionStore>()
            .AddAsync(ConnectionName, CrmKinds.AmoCrm, sim.BaseUrl, null, CrmCredentials.FromLongLivedToken(new SimulatorOptions().AccessToken), ct);
        return new CycleHarness(sim, session, cs, ownsSimulator);
    }

    /// <summary>A small, fast account by default: 5 reps, 2 months up to <see cref="Now"/>, no rate limit, the clock fixed at Now.</summary>
    public static SimulatorOptions Options(int seed = 42, IReadOnlyCollection<long>? malformed = null, SimulatorFaults? faults = null,
        TimeProvider? clock = null, bool apiFilter = true, int employees = 5, int months = 2, int requestsPerSecond = 0) => new()
    {
        Seed = seed, Employees = employees, Months = months, Anchor = Now, RequestsPerSecond = requestsPerSecond,
        MalformedLeadIds = malformed ?? [], TimeProvider = clock ?? new FixedTimeProvider(Now), Faults = faults ?? SimulatorFaults.None,
        ApiFilterEnabled = apiFilter,
    };

    public async Task<CrmConnection> ConnectionAsync() =>
        (await Get<ConnectionStore>().FindAsync(ConnectionName, TestContext.Current.CancellationToken))!;

    /// <summary>Switches the connection to OAuth: a real code exchange with the simulator, as <c>connections add --code</c> does.</summary>
    public async Task<CrmCredentials> UseOAuthAsync(TimeSpan? expiresIn = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var o = new SimulatorOptions();
        var credentials = await Get<AmoCrmOAuthClient>().ExchangeCodeAsync(Simulator.BaseUrl, o.ClientId, o.ClientSecret,
            new Uri("https://kpisync.example/callback"), Simulator.IssueAuthorizationCode(), ct);
        if (expiresIn is { } e)
        {
            credentials = credentials with { ExpiresAt = Now + e };
        }

        await Get<ConnectionStore>().ReplaceCredentialsAsync((await ConnectionAsync()).Id, credentials, ct);
        return credentials;
    }

    public Task<CycleResult?> RunCycleAsync() =>
        Get<ConnectionCycle>().RunAsync(ConnectionName, KpiSync.Sync.SyncRequest.Incremental, wait: true, TestContext.Current.CancellationToken);

    public Task<T> ScalarAsync<T>(string sql) => ScalarAsync<T>(ConnectionString, sql);

    /// <summary>One value from any database (e.g. one that <c>serve</c> processes share, with no harness of its own).</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="sql"/> until it returns true (a job runs asynchronously); fails after <paramref name="seconds"/>.</summary>
    public async Task WaitUntilAsync(string sql, int seconds = 60)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(seconds); await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            if (await ScalarAsync<bool>(sql))
            {
                return;
            }
        }

        Assert.Fail($"Not true within {seconds} s: {sql}");
    }

    /// <summary>A digest of a whole table's contents, to prove a re-run changed nothing.</summary>
    public Task<string> DigestAsync(string table, string orderBy) => DigestAsync(ConnectionString, table, orderBy);

    public static Task<string> DigestAsync(string connectionString, string table, string orderBy) =>
        ScalarAsync<string>(connectionString, $"select coalesce(md5(string_agg(t::text, '|' order by {orderBy})), 'empty') from kpisync.{table} t");

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        if (_ownsSimulator)
        {
            await Simulator.DisposeAsync();
        }
    }
}
