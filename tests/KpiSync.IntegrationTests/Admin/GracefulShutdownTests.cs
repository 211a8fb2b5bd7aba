using System.Diagnostics;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;
using KpiSync.Sync;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Stopping <c>serve</c> in the middle of a sync: the sync stops at a page boundary, commits, and the run is
/// recorded cancelled — quickly, not after the whole account.</summary>
[Collection(RunsAlone.Name)]
public sealed class GracefulShutdownTests(PostgresServer server)
{
    [Fact]
    public async Task Stop_DuringASync_CommitsAtAPageBoundary_RunRecordedCancelled()
    {
        var (h, _) = await DashboardHost.StartAsync(server, nameof(Stop_DuringASync_CommitsAtAPageBoundary_RunRecordedCancelled),
            CycleHarness.Options(employees: 8, months: 3), new() { ["Crm:RequestsPerSecond"] = "5", ["Sync:CommitRecords"] = "1" }, clock: TimeProvider.System);
        await using var __ = h;
        await h.Get<JobBoard>().ResyncAsync(CycleHarness.ConnectionName, SyncRequest.Everything, TestContext.Current.CancellationToken);
        await h.WaitUntilAsync("select exists (select 1 from kpisync.sync_runs where status = 'running' and pages >= 6)", seconds: 60);

        var clock = Stopwatch.StartNew();
        await h.Session.Host.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
        Assert.Equal("cancelled", await h.ScalarAsync<string>("select status from kpisync.sync_runs"));
        Assert.Equal("succeeded", await h.ScalarAsync<string>("select status from kpisync.job_runs order by id limit 1"));
        // Pages stored before the stop are committed with their cursor: the next sync goes on from there.
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.sync_cursors") >= 1);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals") > 0);
    }
}
