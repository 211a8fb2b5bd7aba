using System.Diagnostics;
using KpiSync.Hosting;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Stopping <c>serve</c> in the middle of a cycle job: the sync stops at a page boundary and commits, the job goes
/// back to Hangfire's queue (recorded requeued, not succeeded or failed), and the next node takes it and goes on from
/// the committed cursors.</summary>
[Collection(RunsAlone.Name)]
public sealed class GracefulShutdownTests(PostgresServer server)
{
    [Fact]
    public async Task Stop_DuringASync_CommitsAtAPageBoundary_RequeuesTheJob_NextNodeResumesFromTheCursor()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?> { ["Crm:RequestsPerSecond"] = "5", ["Sync:CommitRecords"] = "1" };
        var (h, _) = await DashboardHost.StartAsync(server, nameof(Stop_DuringASync_CommitsAtAPageBoundary_RequeuesTheJob_NextNodeResumesFromTheCursor),
            CycleHarness.Options(employees: 8, months: 3), settings, clock: TimeProvider.System);
        await using var __ = h;
        var connection = await h.ConnectionAsync();
        var job = h.Get<CycleJobClient>().RunNow(connection.Id);
        await h.WaitUntilAsync("select exists (select 1 from kpisync.sync_runs where status = 'running' and pages >= 6)", seconds: 60);

        var clock = Stopwatch.StartNew();
        await h.Session.Host.StopAsync(ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
        Assert.Equal("cancelled", await h.ScalarAsync<string>("select status from kpisync.sync_runs"));
        Assert.Equal($"requeued {job}", await h.ScalarAsync<string>("select status || ' ' || job_id from kpisync.job_runs"));
        var committed = await h.ScalarAsync<long>("select count(*) from kpisync.deals");
        Assert.True(committed > 0);
        // Back in the queue, claimed by nobody: the next node fetches it at once.
        Assert.Equal(1L, await h.ScalarAsync<long>($"select count(*) from hangfire.jobqueue where jobid = {job} and fetchedat is null"));
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.sync_cursors") > 0);

        // The next node: same database, its own Hangfire server.
        await using var next = await KpiSyncSession.StartAsync(HostMode.Serve, DashboardHost.NodeSettings(CycleHarness.FreePort(), h.ConnectionString), ct);
        await h.WaitUntilAsync($"select exists (select 1 from kpisync.job_runs where job_id = '{job}' and status = 'succeeded')", seconds: 120);

        Assert.Equal("succeeded", await h.ScalarAsync<string>("select status from kpisync.sync_runs order by id desc limit 1"));
        Assert.Equal("incremental", await h.ScalarAsync<string>("select kind from kpisync.sync_runs order by id desc limit 1"));
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals") >= committed);
        Assert.Equal(2L, await h.ScalarAsync<long>("select count(*) from kpisync.job_runs"));

        // It went on from the committed cursors: it read less than the whole account, and the store ends as a clean
        // read of the account leaves it.
        await using var clean = await CycleHarness.AttachAsync(server, nameof(Stop_DuringASync_CommitsAtAPageBoundary_RequeuesTheJob_NextNodeResumesFromTheCursor) + "_clean", h.Simulator);
        await clean.RunCycleAsync();
        var whole = await clean.ScalarAsync<int>("select entities from kpisync.sync_runs");
        var resumed = await h.ScalarAsync<int>("select entities from kpisync.sync_runs order by id desc limit 1");
        Assert.True(resumed < whole, $"the resumed sync read {resumed} records, a whole read {whole}");
        Assert.Equal(await clean.DigestAsync("deals", "crm_id"), await h.DigestAsync("deals", "crm_id"));
        Assert.Equal(await clean.DigestAsync("funnel_events", "source_key"), await h.DigestAsync("funnel_events", "source_key"));
    }
}
