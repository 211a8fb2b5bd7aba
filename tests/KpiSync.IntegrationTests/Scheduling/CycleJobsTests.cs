using System.Net;
using Hangfire;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;
using KpiSync.Storage;
using KpiSync.Webhooks;

namespace KpiSync.IntegrationTests.Scheduling;

/// <summary>What a cycle job does when the connection's cycle is already running: a tick is skipped at once; webhooks
/// are skipped too, but ask the running cycle to go exactly once more.</summary>
public sealed class CycleJobsTests(PostgresServer server)
{
    [Fact]
    public async Task Tick_WhileTheCycleIsHeld_IsSkippedWithoutWaiting()
    {
        var ct = TestContext.Current.CancellationToken;
        var (h, _) = await DashboardHost.StartAsync(server, "tick_skipped");
        await using var __ = h;
        var connection = await h.ConnectionAsync();
        await h.Get<RecurringCycles>().ReconcileAsync(ct);
        var storage = h.Get<JobStorage>();

        string job;
        await using (await h.Get<ConnectionLocks>().AcquireAsync(connection.Id, wait: true, ct))
        {
            job = h.Get<IRecurringJobManagerV2>().TriggerJob(RecurringCycles.IdFor(CycleHarness.ConnectionName));
            Assert.NotNull(job);

            // Recorded while the cycle is still held: the tick neither waited for it nor went back to the queue.
            await h.WaitUntilAsync($"select exists (select 1 from kpisync.job_runs where job_id = '{job}' and status <> 'running')", seconds: 60);
            Assert.Equal("tick skipped: the cycle was already running",
                await h.ScalarAsync<string>($"select kind || ' ' || status || ': ' || error from kpisync.job_runs where job_id = '{job}'"));
            // The row closes as the job returns; Hangfire applies the final state just after.
            var state = await FinalStateAsync(storage, job);
            Assert.Equal("Skipped", state.Name);
            Assert.Equal("the cycle was already running", state.Reason);
            // The job's own queue, which Hangfire queues it in (the Enqueued state's Queue field keeps Hangfire's default).
            Assert.Equal(JobQueues.Scheduled, storage.GetMonitoringApi().JobDetails(job).Job.Queue);
        }

        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.sync_runs"));
        Assert.Equal(0L, await h.ScalarAsync<long>($"select count(*) from hangfire.jobqueue where jobid = {job}"));
        Assert.Equal(1L, await h.ScalarAsync<long>("select count(*) from kpisync.job_runs"));
        Assert.False(await h.ScalarAsync<bool>($"select rerun_requested from kpisync.connections where id = {connection.Id}"));
    }

    [Fact]
    public async Task Webhooks_WhileACycleRuns_AreSkipped_AndTheRunningCycleGoesExactlyOnceMore()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?> { ["Webhooks:Debounce"] = "00:00:00" };
        var (h, url) = await DashboardHost.StartAsync(server, "webhook_rerun", settings: settings, clock: TimeProvider.System);
        await using var __ = h;
        var connection = await h.ConnectionAsync();
        var secret = WebhookSecrets.New();
        await h.Get<ConnectionStore>().SetWebhookSecretHashAsync(connection.Id, WebhookSecrets.Hash(secret), ct);
        var storage = h.Get<JobStorage>();

        // Every CRM call takes a second until the webhooks are handled, so the first cycle is surely still running.
        h.Simulator.Faults = new SimulatorFaults { Slow = 1, SlowDelay = TimeSpan.FromSeconds(1) };
        var first = h.Get<CycleJobClient>().RunNow(connection.Id);
        await h.WaitUntilAsync("select exists (select 1 from kpisync.sync_runs where status = 'running')", seconds: 60);

        using var http = new HttpClient { BaseAddress = url };
        for (var i = 0; i < 3; i++)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["leads[update][0][id]"] = "1" });
            using var posted = await http.PostAsync(new Uri($"webhooks/amocrm/{CycleHarness.ConnectionName}/{secret}", UriKind.Relative), content, ct);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        await h.WaitUntilAsync("select count(*) = 3 from kpisync.job_runs where kind = 'webhook' and status <> 'running'", seconds: 120);
        Assert.Equal("running", await h.ScalarAsync<string>("select string_agg(status, ',') from kpisync.sync_runs"));
        h.Simulator.Faults = SimulatorFaults.None;
        await h.WaitUntilAsync($"select exists (select 1 from kpisync.job_runs where job_id = '{first}' and status <> 'running')", seconds: 180);

        Assert.Equal("succeeded", await h.ScalarAsync<string>($"select status || coalesce(': ' || error, '') from kpisync.job_runs where job_id = '{first}'"));
        // The first read of a connection has no cursor yet, so it is a full one; the rerun continues from its cursors.
        Assert.Equal("full succeeded,incremental succeeded",
            await h.ScalarAsync<string>("select string_agg(kind || ' ' || status, ',' order by id) from kpisync.sync_runs"));
        Assert.True(await h.ScalarAsync<bool>("select (select started_at from kpisync.sync_runs order by id desc limit 1) >= (select finished_at from kpisync.sync_runs order by id limit 1)"));
        Assert.False(await h.ScalarAsync<bool>($"select rerun_requested from kpisync.connections where id = {connection.Id}"));
        var webhooks = await h.ScalarAsync<string>(
            "select string_agg(distinct status || ': ' || error, ' | ') from kpisync.job_runs where kind = 'webhook'");
        Assert.Equal("skipped: the cycle was running; it runs once more when it ends", webhooks);
        var webhookJobs = await h.ScalarAsync<string[]>("select array_agg(job_id) from kpisync.job_runs where kind = 'webhook'");
        foreach (var webhook in webhookJobs)
        {
            Assert.Equal("Skipped", (await FinalStateAsync(storage, webhook)).Name);
        }

        var succeeded = await FinalStateAsync(storage, first);
        Assert.Equal("Succeeded", succeeded.Name);
        Assert.Contains("1 more cycle(s) for changes announced meanwhile", succeeded.Data["Result"], StringComparison.Ordinal);

        // Settled: nothing else queued or running for the connection.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.Equal(2L, await h.ScalarAsync<long>("select count(*) from kpisync.sync_runs"));
        Assert.Equal(4L, await h.ScalarAsync<long>("select count(*) from kpisync.job_runs"));
    }

    private static async Task<Hangfire.Storage.StateData> FinalStateAsync(JobStorage storage, string job)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(100, TestContext.Current.CancellationToken))
        {
            using var connection = storage.GetConnection();
            if (connection.GetStateData(job) is { Name: not ("Enqueued" or "Processing") } state)
            {
                return state;
            }
        }

        Assert.Fail($"Job {job} reached no final state within 30 s");
        return null!;
    }
}
