using System.Diagnostics;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.Auth;
using KpiSync.Cli.Progress;
using KpiSync.CrmSimulator;
using KpiSync.Hosting;
using KpiSync.Storage;
using KpiSync.Sync;
using Npgsql;

namespace KpiSync.Benchmarks;

/// <summary>One benchmark phase: a host on its own fresh database, a connection to the simulator, one sync (stopped
/// early once <c>stopAfter</c> records are stored, when given), and optionally a read-only pass for comparison.</summary>
internal static class SyncPhase
{
    private const string ConnectionName = "bench";
    // Short, so the time taken is read close to the moment the target was committed (each poll is one count).
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<PhaseOutcome> RunAsync(string name, string database, IReadOnlyDictionary<string, string?> overrides,
        SimulatorProcess simulator, int? stopAfter, StageProfiler? profiler, bool warm, CancellationToken ct)
    {
        await using var session = await KpiSyncSession.StartAsync(HostMode.Cli, overrides, ct);
        var services = session.Services;
        var store = services.GetRequiredService<ConnectionStore>();
        var token = CrmCredentials.FromLongLivedToken(new SimulatorOptions().AccessToken);
        await store.AddAsync(ConnectionName, CrmKinds.AmoCrm, simulator.BaseUrl, "Europe/Moscow", token, ct);
        var connection = await store.FindAsync(ConnectionName, ct) ?? throw new InvalidOperationException("the bench connection vanished");

        if (warm)
        {
            await WarmSimulatorAsync(services, connection, ct);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        profiler?.Take();
        var cpu = CpuSnapshot.Take(simulator, database);
        var watch = Stopwatch.StartNew();
        var sync = services.GetRequiredService<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Everything, stop.Token);
        // Progress on stderr, as `sync` shows it; stdout keeps the bench's figures and its JSON.
        var elapsed = await ProgressOf(services).ShowAsync("bench " + name,
            new SyncProgressSource(services.GetRequiredService<SyncRunStore>(), services.GetRequiredService<TimeProvider>(), connection.Id, "bench " + name).ReadAsync,
            () => AwaitSyncAsync(sync, stop, connection.Id, services, stopAfter, watch, ct), ct);

        // The run's row, not the returned counts: a stopped sync returns none, but records them before it throws.
        var run = (await services.GetRequiredService<SyncRunStore>().GetLastRunsAsync(ct))[connection.Id];
        var result = new PhaseResult(name, run.Entities, run.Pages, elapsed, run.Status);
        var syncCpu = CpuSnapshot.Take(simulator, database) - cpu;
        if (profiler is null || stopAfter is not null)
        {
            // Read-only passes only without the limit: at 7 rps they would take minutes and show only the pacing.
            return new PhaseOutcome(result, syncCpu, profiler?.Take() ?? [], [], null, []);
        }

        var syncStages = profiler.Take();
        var client = services.GetRequiredService<AmoCrmClientFactory>().Create(connection);
        cpu = CpuSnapshot.Take(simulator, database);
        PhaseResult[] fetchOnly =
        [
            await FetchOnlyProbe.RunAsync(SyncStreams.Leads, client, ct),
            await FetchOnlyProbe.RunAsync(SyncStreams.Events, client, ct),
            await FetchOnlyProbe.RunAsync(SyncStreams.Calls, client, ct),
            await FetchOnlyProbe.RunAsync(SyncStreams.Tasks, client, ct),
        ];
        return new PhaseOutcome(result, syncCpu, syncStages, fetchOnly, CpuSnapshot.Take(simulator, database) - cpu, profiler.Take());
    }

    /// <summary>
    /// The simulator stands in for a CRM that has served for months, not a process seconds old: one request of each
    /// kind the sync makes, at the phase's rate, before the clock starts. Cold, its first answers came late enough
    /// that the arrival it stamped crowded its sliding window, and a request on time drew a 429. Then a pause, so
    /// its window and the shared request budget are empty when the phase starts.
    /// </summary>
    private static CliProgress ProgressOf(IServiceProvider services) =>
        CliProgress.For(Console.Error, services.GetRequiredService<IConfiguration>(), services.GetRequiredService<TimeProvider>());

    /// <summary>Waits for the sync, stopping it once <paramref name="stopAfter"/> records are stored; returns the time it took.</summary>
    private static async Task<TimeSpan> AwaitSyncAsync(Task<SyncCounts> sync, CancellationTokenSource stop, int connectionId, IServiceProvider services,
        int? stopAfter, Stopwatch watch, CancellationToken ct)
    {
        if (stopAfter is { } target)
        {
            var probe = new SyncProgressProbe(services.GetRequiredService<NpgsqlDataSource>());
            while (!sync.IsCompleted && await probe.RecordsAsync(connectionId, ct) < target)
            {
                await Task.WhenAny(sync, Task.Delay(PollInterval, ct));
            }

            await stop.CancelAsync();
        }

        var elapsed = watch.Elapsed;
        try
        {
            await sync;
            elapsed = stopAfter is null ? watch.Elapsed : elapsed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Stopped on purpose at the target; the run row holds what was committed until then.
        }

        return elapsed;
    }

    private static async Task WarmSimulatorAsync(IServiceProvider services, CrmConnection connection, CancellationToken ct)
    {
        var client = services.GetRequiredService<AmoCrmClientFactory>().Create(connection);
        await client.GetAccountAsync(ct);
        await client.GetUsersAsync(1, ct);
        await client.GetPipelinesAsync(ct);
        await client.GetLeadFieldsAsync(1, ct);
        await SyncStreams.Leads.FetchAsync(client, 0, null, 1, ct);
        await SyncStreams.Events.FetchAsync(client, 0, null, 1, ct);
        await SyncStreams.Calls.FetchAsync(client, 0, null, 1, ct);
        await SyncStreams.Tasks.FetchAsync(client, 0, null, 1, ct);
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
    }
}
