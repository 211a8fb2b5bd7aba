using Hangfire;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;

namespace KpiSync.IntegrationTests.Scheduling;

/// <summary>Deleting a running cycle job (the dashboard's Delete): Hangfire notices within its cancellation check, the
/// sync stops at a page and commits, and the execution is recorded cancelled — not failed, not requeued.</summary>
[Collection(RunsAlone.Name)]
public sealed class JobDeleteTests(PostgresServer server)
{
    [Fact]
    public async Task DeletingARunningCycle_StopsItAtAPage_RecordedCancelled()
    {
        var settings = new Dictionary<string, string?> { ["Crm:RequestsPerSecond"] = "5", ["Sync:CommitRecords"] = "1" };
        var (h, _) = await DashboardHost.StartAsync(server, "job_delete", CycleHarness.Options(employees: 8, months: 3), settings, clock: TimeProvider.System);
        await using var __ = h;
        var job = h.Get<CycleJobClient>().RunNow((await h.ConnectionAsync()).Id);
        await h.WaitUntilAsync("select exists (select 1 from kpisync.sync_runs where status = 'running' and pages >= 3)", seconds: 60);

        Assert.True(h.Get<IBackgroundJobClient>().Delete(job));

        await h.WaitUntilAsync($"select exists (select 1 from kpisync.job_runs where job_id = '{job}' and status <> 'running')", seconds: 60);
        Assert.Equal("cancelled", await h.ScalarAsync<string>($"select status from kpisync.job_runs where job_id = '{job}'"));
        Assert.Equal("cancelled", await h.ScalarAsync<string>("select status from kpisync.sync_runs"));
        Assert.Equal("Deleted", await h.ScalarAsync<string>($"select statename from hangfire.job where id = {job}"));
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.sync_cursors") >= 1);
        // Not handed back: nothing of it is left in the queue.
        Assert.Equal(0L, await h.ScalarAsync<long>($"select count(*) from hangfire.jobqueue where jobid = {job}"));
    }
}
