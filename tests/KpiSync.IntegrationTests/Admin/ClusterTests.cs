using System.Diagnostics;
using System.Net;
using KpiSync.Admin;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using Npgsql;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Two real <c>kpisync serve</c> processes on one PostgreSQL: a fire runs on exactly one node; a resync whose
/// node is SIGKILLed mid-run is recovered by the other node (Quartz recovery, check-in every second here).</summary>
[Collection(RunsAlone.Name)]
public sealed class ClusterTests(PostgresServer server)
{
    [Fact]
    public async Task TwoNodes_AFireRunsOnOneNode_KilledNodesResyncIsRecoveredByTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await server.CreateDatabaseAsync(nameof(TwoNodes_AFireRunsOnOneNode_KilledNodesResyncIsRecoveredByTheOther));
        await using var sim = await AmoCrmSimulator.StartAsync(CycleHarness.Options(employees: 10, months: 4, requestsPerSecond: 8, clock: TimeProvider.System), ct);
        var add = await KpiSyncProcess.RunAsync(cs, null, "connections", "add", "amocrm", "--name", "sim", "--base-url", sim.BaseUrl.ToString(),
            "--token", new SimulatorOptions().AccessToken, "--time-zone", "UTC");
        Assert.True(add.ExitCode == 0, add.All);
        var ports = new[] { CycleHarness.FreePort(), CycleHarness.FreePort() };
        var nodes = new Dictionary<string, Process>();
        try
        {
            foreach (var (name, port) in new[] { ("node-a", ports[0]), ("node-b", ports[1]) })
            {
                nodes[name] = KpiSyncProcess.Start(cs, new Dictionary<string, string>
                {
                    ["Urls"] = $"http://127.0.0.1:{port}",
                    ["Scheduling__InstanceId"] = name,
                    ["Scheduling__CycleCron"] = "0 0 3 1 1 ? 2099",
                    ["Scheduling__ClusterCheckinInterval"] = "00:00:01",
                    ["Scheduling__ClusterCheckinMisfireThreshold"] = "00:00:02",
                    ["Crm__RequestsPerSecond"] = "6",
                    ["Admin__Bootstrap__User"] = DashboardHost.User,
                    ["Admin__Bootstrap__PasswordHash"] = AdminPasswords.Hash(DashboardHost.Password),
                }, "serve");
            }

            using var a = new DashboardClient(new Uri($"http://127.0.0.1:{ports[0]}/"));
            using var b = new DashboardClient(new Uri($"http://127.0.0.1:{ports[1]}/"));
            await WaitAsync(async () => await HealthyAsync(a) && await HealthyAsync(b), "both nodes healthy");
            using var signedIn = await a.SignInAsync(DashboardHost.User, DashboardHost.Password);
            await WaitAsync(async () => (await a.GetStringAsync("admin/jobs")).Contains("cycle:sim", StringComparison.Ordinal), "the cycle job registered");

            // 1. Fired once → exactly one execution, on one node.
            using var fire = await a.PostFormAsync("admin/jobs?handler=Trigger", new() { ["group"] = "connections", ["name"] = "cycle:sim" }, "admin/jobs");
            Assert.Equal(HttpStatusCode.Redirect, fire.StatusCode);
            await WaitAsync(async () => await ScalarAsync<long>(cs, "select count(*) from kpisync.job_runs where status <> 'running'") > 0, "the fire finished", 120);
            await Task.Delay(3000, ct);
            Assert.Equal(1L, await ScalarAsync<long>(cs, "select count(*) from kpisync.job_runs"));
            Assert.Equal(1L, await ScalarAsync<long>(cs, "select count(*) from kpisync.sync_runs"));
            Assert.Equal("succeeded", await ScalarAsync<string>(cs, "select status || coalesce(': ' || error, '') from kpisync.job_runs"));

            // 2. A resync, its node killed mid-run → the other node recovers it, with the resync's data.
            using var resync = await a.PostFormAsync("admin/resync?handler=Start", new() { ["Connection"] = "sim" }, "admin/resync");
            Assert.Equal(HttpStatusCode.Redirect, resync.StatusCode);
            await WaitAsync(async () => await ScalarAsync<bool>(cs, "select exists (select 1 from kpisync.sync_runs where kind = 'full' and status = 'running' and pages >= 5)"),
                "the resync under way", 120);
            var first = await ScalarAsync<string>(cs, "select node from kpisync.job_runs where status = 'running'");
            nodes[first].Kill(); // SIGKILL: no shutdown, no commit, the node's locks die with its sessions
            var other = first == "node-a" ? "node-b" : "node-a";

            await WaitAsync(async () => await ScalarAsync<bool>(cs,
                $"select exists (select 1 from kpisync.job_runs where node = '{other}' and recovering and status = 'succeeded')"), "the other node recovered the resync", 180);
            Assert.Equal(1L, await ScalarAsync<long>(cs, "select count(*) from kpisync.sync_runs where kind = 'full' and status = 'succeeded'"));
            Assert.Equal(1L, await ScalarAsync<long>(cs, "select count(*) from kpisync.sync_runs where kind = 'full' and status = 'failed' and error like 'interrupted%'"));
            Assert.Equal(0L, await ScalarAsync<long>(cs, "select count(*) from kpisync.sync_runs where status = 'running'"));
        }
        finally
        {
            foreach (var p in nodes.Values)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }

                p.Dispose();
            }
        }
    }

    private static async Task<bool> HealthyAsync(DashboardClient client)
    {
        try
        {
            using var r = await client.GetAsync("health");
            return r.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, int seconds = 90)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(seconds); await Task.Delay(250, TestContext.Current.CancellationToken))
        {
            if (await condition())
            {
                return;
            }
        }

        Assert.Fail($"Not within {seconds} s: {what}");
    }

    private static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
