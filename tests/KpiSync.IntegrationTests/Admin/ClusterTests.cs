using System.Diagnostics;
using System.Net;
using KpiSync.Admin;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Two real <c>kpisync serve</c> processes on one PostgreSQL, each with its own Hangfire server: every tick of
/// a connection's schedule runs once, on one node, never beside another cycle of it; a resync whose node is SIGKILLed
/// mid-run is taken over by the other node once its claim lapses, and ends with the store a clean sync gives.</summary>
[Collection(RunsAlone.Name)]
public sealed class ClusterTests(PostgresServer server)
{
    // A dead node's job is taken over this long after its last claim renewal (short, to keep the test short).
    private const string InvisibilityTimeout = "00:00:15";

    // Compared with a clean run: the synced store, none of whose columns is a clock reading of the syncing process.
    private static readonly (string Table, string Order)[] Store =
    [
        ("deals", "crm_id"), ("funnel_events", "source_key"), ("crm_users", "crm_id"), ("pipelines", "crm_id"),
        ("stages", "pipeline_id, crm_id"), ("quarantine", "stream, record_key"),
    ];

    [Fact]
    public async Task TwoNodes_EveryTickRunsOnce_OnOneNode_WithoutOverlap()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await server.CreateDatabaseAsync(nameof(TwoNodes_EveryTickRunsOnce_OnOneNode_WithoutOverlap));
        await using var sim = await AmoCrmSimulator.StartAsync(CycleHarness.Options(), ct);
        await AddConnectionAsync(cs, sim);

        await using var cluster = await Cluster.StartAsync(cs, "* * * * *", requestsPerSecond: 0);
        // Every minute: two ticks after the nodes are up take at most three minutes.
        await WaitAsync(cs, async () => await CycleHarness.ScalarAsync<long>(cs, "select count(distinct job_id) from kpisync.job_runs where kind = 'tick' and status <> 'running'") >= 2,
            "two ticks ran", 240);
        // Longer than a claim lasts without renewal: a tick fetched twice would have started again by now.
        await Task.Delay(TimeSpan.Parse(InvisibilityTimeout, System.Globalization.CultureInfo.InvariantCulture) + TimeSpan.FromSeconds(5), ct);

        // Hangfire's tick jobs of cycle:sim that are done, each with the occurrence it was enqueued for.
        const string Ticks = """
            select j.id::text as job_id, t.value as occurrence
            from hangfire.job j
            join hangfire.jobparameter r on r.jobid = j.id and r.name = 'RecurringJobId' and r.value = '"cycle:sim"'
            join hangfire.jobparameter t on t.jobid = j.id and t.name = 'Time'
            where j.statename not in ('Enqueued', 'Processing', 'Scheduled')
            """;
        Assert.True(await CycleHarness.ScalarAsync<long>(cs, $"select count(*) from ({Ticks}) t") >= 2);
        // Each occurrence enqueued once, though both nodes' schedulers look for it.
        Assert.Equal(0L, await CycleHarness.ScalarAsync<long>(cs, $"select count(*) - count(distinct occurrence) from ({Ticks}) t"));
        // Each tick executed once: one job_runs row, on one node, which ran the cycle or found it running.
        Assert.Equal("", await CycleHarness.ScalarAsync<string>(cs, $"""
            select coalesce(string_agg(t.job_id || ': ' || coalesce(r.runs, '(none)'), '; '), '')
            from ({Ticks}) t
            left join (select job_id, string_agg(kind || ' ' || status || ' on ' || node, ', ') as runs, count(*) as n,
                              bool_and(kind = 'tick' and status in ('succeeded', 'skipped')) as ok
                       from kpisync.job_runs group by job_id) r on r.job_id = t.job_id
            where r.n is distinct from 1 or not r.ok
            """));
        // Only the schedule ran cycles; each tick that ran (not skipped) synced once, and every sync belongs to one of them.
        Assert.Equal(0L, await CycleHarness.ScalarAsync<long>(cs, "select count(*) from kpisync.job_runs where kind <> 'tick'"));
        Assert.Equal(0L, await CycleHarness.ScalarAsync<long>(cs, """
            select count(*) from kpisync.job_runs j where j.status = 'succeeded'
              and (select count(*) from kpisync.sync_runs s where tstzrange(j.started_at, j.finished_at) @> tstzrange(s.started_at, s.finished_at)) <> 1
            """));
        Assert.Equal(0L, await CycleHarness.ScalarAsync<long>(cs, """
            select count(*) from kpisync.sync_runs s
            where (select count(*) from kpisync.job_runs j where j.status <> 'skipped'
                     and tstzrange(j.started_at, j.finished_at) @> tstzrange(s.started_at, s.finished_at)) <> 1
            """));
        // No two executions overlapped, on either node, nor did two syncs.
        Assert.Equal(0L, await CycleHarness.ScalarAsync<long>(cs, Overlaps("job_runs", "x.status <> 'skipped' and y.status <> 'skipped'")));
        Assert.Equal(0L, await CycleHarness.ScalarAsync<long>(cs, Overlaps("sync_runs", "true")));
        // Both nodes are still in the cluster: the ticks had two schedulers and two servers to go wrong with.
        Assert.Equal(2L, await CycleHarness.ScalarAsync<long>(cs, "select count(*) from hangfire.server"));
        TestContext.Current.SendDiagnosticMessage("ticks ran on: " + await CycleHarness.ScalarAsync<string>(cs,
            "select string_agg(split_part(node, ':', 1) || ' ' || status, ', ' order by id) from kpisync.job_runs"));
    }

    [Fact]
    public async Task TwoNodes_KilledNodesResync_IsTakenOverByTheOther_AndEndsLikeACleanRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await AmoCrmSimulator.StartAsync(CycleHarness.Options(employees: 10, months: 4), ct);

        // The reference: one process, one uninterrupted full sync of the same account.
        var clean = await server.CreateDatabaseAsync(nameof(TwoNodes_KilledNodesResync_IsTakenOverByTheOther_AndEndsLikeACleanRun) + "_clean");
        await AddConnectionAsync(clean, sim);
        var reference = await KpiSyncProcess.RunAsync(clean, new Dictionary<string, string> { ["Crm__RequestsPerSecond"] = "0" }, "sync", "--connection", "sim", "--full");
        Assert.True(reference.ExitCode == 0, reference.All);

        var cs = await server.CreateDatabaseAsync(nameof(TwoNodes_KilledNodesResync_IsTakenOverByTheOther_AndEndsLikeACleanRun));
        await AddConnectionAsync(cs, sim);
        // Yearly: no tick during the test. Paced, so the resync is still reading when its node is killed, and the
        // recovered run outlasts the invisibility timeout: only its renewed claim keeps the survivor's other worker off it.
        await using var cluster = await Cluster.StartAsync(cs, "0 3 1 1 *", requestsPerSecond: 4);

        using var a = new DashboardClient(cluster.BaseUrl("node-a"));
        using var signedIn = await a.SignInAsync(DashboardHost.User, DashboardHost.Password);
        using var resync = await a.PostFormAsync("admin/resync?handler=Start", new() { ["Connection"] = "sim" }, "admin/resync");
        Assert.Equal(HttpStatusCode.Redirect, resync.StatusCode);
        await WaitAsync(cs, async () => await CycleHarness.ScalarAsync<bool>(cs, "select exists (select 1 from kpisync.sync_runs where kind = 'full' and status = 'running' and pages >= 5)"),
            "the resync under way", 120);
        var job = await CycleHarness.ScalarAsync<string>(cs, "select job_id from kpisync.job_runs where kind = 'resync' and status = 'running'");
        var first = await CycleHarness.ScalarAsync<string>(cs, "select split_part(node, ':', 1) from kpisync.job_runs where kind = 'resync' and status = 'running'");
        cluster.Kill(first); // SIGKILL: no shutdown, no commit of the page in hand; its sessions and their locks die with it
        var other = first == "node-a" ? "node-b" : "node-a";

        // The claim lapses after the invisibility timeout; the other node then fetches the job and runs it from the start.
        await WaitAsync(cs, async () => await CycleHarness.ScalarAsync<bool>(cs, $"select exists (select 1 from kpisync.job_runs where job_id = '{job}' and status <> 'running' and recovering)"),
            "the other node took the resync over", 180);
        await WaitAsync(cs, async () => await CycleHarness.ScalarAsync<string>(cs, $"select statename from hangfire.job where id = {job}") is "Succeeded" or "Failed",
            "the resync finished", 300);

        Assert.Equal(
            $"{first} False failed: interrupted: the node stopped before the job finished | {other} True succeeded",
            await CycleHarness.ScalarAsync<string>(cs, $"""
                select string_agg(split_part(node, ':', 1) || ' ' || case when recovering then 'True' else 'False' end || ' ' || status
                    || coalesce(': ' || error, ''), ' | ' order by id)
                from kpisync.job_runs where job_id = '{job}'
                """));
        Assert.Equal("Succeeded", await CycleHarness.ScalarAsync<string>(cs, $"select statename from hangfire.job where id = {job}"));
        Assert.True(await CycleHarness.ScalarAsync<bool>(cs, $"""
            select finished_at - started_at > interval '{InvisibilityTimeout}' from kpisync.job_runs where job_id = '{job}' and recovering
            """), "the recovered run was too short to need its claim renewed");
        // Nothing else ran: the two executions above are all there are.
        Assert.Equal(2L, await CycleHarness.ScalarAsync<long>(cs, "select count(*) from kpisync.job_runs"));
        Assert.Equal(
            "full failed: interrupted: the process stopped before the run finished | full succeeded",
            await CycleHarness.ScalarAsync<string>(cs, "select string_agg(kind || ' ' || status || coalesce(': ' || error, ''), ' | ' order by id) from kpisync.sync_runs"));
        foreach (var (table, order) in Store)
        {
            Assert.Equal(await CycleHarness.DigestAsync(clean, table, order), await CycleHarness.DigestAsync(cs, table, order));
        }

        Assert.True(await CycleHarness.ScalarAsync<long>(cs, "select count(*) from kpisync.deals") > 0);
        TestContext.Current.SendDiagnosticMessage("resync: " + await CycleHarness.ScalarAsync<string>(cs,
            "select string_agg(status || ' after ' || pages || ' pages in ' || round(extract(epoch from finished_at - started_at)) || ' s', ', ' order by id) from kpisync.sync_runs"));
        // The survivor stays healthy: its own server heartbeats, whatever the dead one's row says.
        using var b = new DashboardClient(cluster.BaseUrl(other));
        using var health = await b.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>Pairs of rows x, y of <paramref name="table"/> meeting <paramref name="both"/> whose run times overlap.</summary>
    private static string Overlaps(string table, string both) => $"""
        select count(*) from kpisync.{table} x join kpisync.{table} y on x.id < y.id
        where ({both}) and tstzrange(x.started_at, x.finished_at) && tstzrange(y.started_at, y.finished_at)
        """;

    private static async Task AddConnectionAsync(string cs, AmoCrmSimulator sim)
    {
        var add = await KpiSyncProcess.RunAsync(cs, null, "connections", "add", "amocrm", "--name", "sim", "--base-url", sim.BaseUrl.ToString(),
            "--token", new SimulatorOptions().AccessToken, "--time-zone", "UTC");
        Assert.True(add.ExitCode == 0, add.All);
    }


    private static async Task WaitAsync(Func<Task<bool>> condition, string what, int seconds)
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

    private static async Task WaitAsync(string cs, Func<Task<bool>> condition, string what, int seconds)
    {
        try
        {
            await WaitAsync(condition, what, seconds);
        }
        catch (Xunit.Sdk.FailException)
        {
            // What the cluster did instead, for the failure message.
            throw new Xunit.Sdk.XunitException($"Not within {seconds} s: {what}. Jobs: " + await CycleHarness.ScalarAsync<string>(cs, """
                select coalesce(string_agg(j.id || ' ' || j.statename || ' ' || coalesce(j.invocationdata::text, ''), '; ' order by j.id), 'none') from hangfire.job j
                """) + ". States: " + await CycleHarness.ScalarAsync<string>(cs, """
                select coalesce(string_agg(jobid || ' ' || name || coalesce(' ' || reason, '') || coalesce(' ' || left(data::text, 600), ''), '; ' order by id), 'none')
                from hangfire.state
                """) + ". Executions: " + await CycleHarness.ScalarAsync<string>(cs, """
                select coalesce(string_agg(job_id || ' ' || kind || ' ' || node || ' ' || status || coalesce(': ' || error, ''), '; ' order by id), 'none') from kpisync.job_runs
                """) + ". Syncs: " + await CycleHarness.ScalarAsync<string>(cs, """
                select coalesce(string_agg(kind || ' ' || status || ' ' || pages || coalesce(': ' || error, ''), '; ' order by id), 'none') from kpisync.sync_runs
                """));
        }
    }


    /// <summary><c>serve</c> twice, as node-a and node-b, on one database, polling and heartbeating fast.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly Dictionary<string, (Process Process, int Port)> _nodes = [];

        public Uri BaseUrl(string node) => new($"http://127.0.0.1:{_nodes[node].Port}/");

        public static async Task<Cluster> StartAsync(string cs, string cron, int requestsPerSecond)
        {
            var cluster = new Cluster();
            try
            {
                foreach (var name in new[] { "node-a", "node-b" })
                {
                    var port = CycleHarness.FreePort();
                    cluster._nodes[name] = (KpiSyncProcess.Start(cs, new Dictionary<string, string>
                    {
                        ["Urls"] = $"http://127.0.0.1:{port}",
                        ["Scheduling__ServerName"] = name,
                        ["Scheduling__CycleCron"] = cron,
                        ["Scheduling__WorkerCount"] = "2",
                        ["Scheduling__QueuePollInterval"] = "00:00:00.500",
                        ["Scheduling__SchedulePollingInterval"] = "00:00:01",
                        ["Scheduling__HeartbeatInterval"] = "00:00:01",
                        ["Scheduling__InvisibilityTimeout"] = InvisibilityTimeout,
                        ["Crm__RequestsPerSecond"] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["Admin__Bootstrap__User"] = DashboardHost.User,
                        ["Admin__Bootstrap__PasswordHash"] = AdminPasswords.Hash(DashboardHost.Password),
                    }, "serve"), port);
                }

                foreach (var name in cluster._nodes.Keys)
                {
                    using var client = new DashboardClient(cluster.BaseUrl(name));
                    await WaitAsync(() => HealthyAsync(client), name + " healthy", 120);
                }

                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public void Kill(string node)
        {
            var process = _nodes[node].Process;
            process.Kill();
            process.WaitForExit();
        }

        public ValueTask DisposeAsync()
        {
            foreach (var (process, _) in _nodes.Values)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }

                process.Dispose();
            }

            return ValueTask.CompletedTask;
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
    }
}
