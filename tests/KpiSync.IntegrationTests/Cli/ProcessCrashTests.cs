using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>Real processes, killed or racing: nothing lost, nothing doubled, the single-use refresh token never burnt.</summary>
[Collection(RunsAlone.Name)]
public sealed class ProcessCrashTests(PostgresServer server)
{
    // Slow enough that a whole sync outlasts the five resumed runs' kills (each within 1.5 s of its start): a paced
    // store commits after every page, so each killed run keeps all it read and the next has less left to do.
    private static readonly Dictionary<string, string> Paced = new() { ["Crm__RequestsPerSecond"] = "12" };

    private static async Task<string> DigestAsync(string cs, string table, string order)
    {
        await using var conn = new Npgsql.NpgsqlConnection(cs);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new Npgsql.NpgsqlCommand($"select coalesce(md5(string_agg(t::text, '|' order by {order})), 'empty') from kpisync.{table} t", conn);
        return (string)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task<string[]> StoreAsync(string cs) =>
        [await DigestAsync(cs, "funnel_events", "source_key"), await DigestAsync(cs, "deals", "crm_id"), await DigestAsync(cs, "quarantine", "stream, record_key")];

    [Fact]
    public async Task Sync_KilledAtTenRandomMomentsThenResumed_EndsIdenticalToACleanRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await AmoCrmSimulator.StartAsync(new SimulatorOptions
        {
            Employees = 10, Months = 3, Anchor = CycleHarness.Now, RequestsPerSecond = 0, TimeProvider = new FixedTimeProvider(CycleHarness.Now),
        }, ct);
        var add = new[] { "connections", "add", "amocrm", "--name", "sim", "--base-url", sim.BaseUrl.ToString(), "--token", new SimulatorOptions().AccessToken };
        var clean = await server.CreateDatabaseAsync("kill_clean");
        var killed = await server.CreateDatabaseAsync("kill_killed");
        Assert.Equal(0, (await KpiSyncProcess.RunAsync(clean, Paced, add)).ExitCode);
        Assert.Equal(0, (await KpiSyncProcess.RunAsync(killed, Paced, add)).ExitCode);
        var reference = await KpiSyncProcess.RunAsync(clean, Paced, "sync", "--connection", "sim");
        Assert.True(reference.ExitCode == 0, reference.All);

        var random = new Random(20261122);
        var moments = new List<int>();
        await using var watch = new Npgsql.NpgsqlConnection(killed);
        await watch.OpenAsync(ct);
        for (var i = 0; i < 10; i++)
        {
            // Kill a random time after the sync has started (process start-up time varies with machine load).
            var ms = random.Next(0, 1500);
            moments.Add(ms);
            // The first five resume from the committed cursors; the last five re-read everything (long runs, so every kill
            // lands mid-write, proving re-writes double nothing).
            using var process = i < 5
                ? KpiSyncProcess.Start(killed, Paced, "sync", "--connection", "sim")
                : KpiSyncProcess.Start(killed, Paced, "sync", "--connection", "sim", "--full");
            await WaitForRunningSyncAsync(watch, process, ct);
            await Task.Delay(ms, ct);
            process.Kill(entireProcessTree: true); // SIGKILL: no shutdown hooks, no rollback by us
            await process.WaitForExitAsync(ct);
        }

        var resumed = await KpiSyncProcess.RunAsync(killed, Paced, "sync", "--connection", "sim");

        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Equal(await StoreAsync(clean), await StoreAsync(killed));
        await using var conn = new Npgsql.NpgsqlConnection(killed);
        await conn.OpenAsync(ct);
        await using var interrupted = new Npgsql.NpgsqlCommand("select count(*) from kpisync.sync_runs where error like 'interrupted%'", conn);
        var midSync = (long)(await interrupted.ExecuteScalarAsync(ct))!;
        Assert.True(midSync >= 8, $"only {midSync} of 10 kills landed mid-sync");
        TestContext.Current.SendDiagnosticMessage("killed after " + string.Join(", ", moments) + " ms");
    }

    private static async Task WaitForRunningSyncAsync(Npgsql.NpgsqlConnection conn, System.Diagnostics.Process process, CancellationToken ct)
    {
        // A new run: older 'running' rows are the runs killed before, closed only when the next one starts.
        await using var cmd = new Npgsql.NpgsqlCommand("select coalesce((select status = 'running' from kpisync.sync_runs order by id desc limit 1), false)", conn);
        var before = await MaxRunIdAsync(conn, ct);
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited; await Task.Delay(10, ct))
        {
            try
            {
                if (await MaxRunIdAsync(conn, ct) > before && (bool)(await cmd.ExecuteScalarAsync(ct))!)
                {
                    return;
                }
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
            {
                // the first process is still migrating
            }
        }
    }

    private static async Task<long> MaxRunIdAsync(Npgsql.NpgsqlConnection conn, CancellationToken ct)
    {
        try
        {
            await using var cmd = new Npgsql.NpgsqlCommand("select coalesce(max(id), 0) from kpisync.sync_runs", conn);
            return (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    [Fact]
    public async Task ConnectionsCheck_ThreeProcessesWithAnExpiredToken_RefreshOnceAndAllContinue()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(ConnectionsCheck_ThreeProcessesWithAnExpiredToken_RefreshOnceAndAllContinue));
        await h.UseOAuthAsync(expiresIn: TimeSpan.FromMinutes(-1));

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => KpiSyncProcess.RunAsync(h.ConnectionString, null, "connections", "check", "--name", CycleHarness.ConnectionName)));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.All));
        Assert.All(runs, r => Assert.Contains("works", r.Output, StringComparison.Ordinal));
        Assert.Equal(1, h.Simulator.TokenRefreshCount);
    }
}
