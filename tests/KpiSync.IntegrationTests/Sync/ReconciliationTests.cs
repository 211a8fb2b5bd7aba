using KpiSync.IntegrationTests.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>
/// The id-list reconciliation catches deletions nobody reported. A first sync reads every lead of the account and held
/// none before, so it is a reconciliation in itself: it does not read the id list again, and the next one is due a
/// period (Sync:ReconcileEvery, a day) after it.
/// </summary>
public sealed class ReconciliationTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FirstSync_ReadsNoIdList_AndCountsAsTheReconciliation(bool full)
    {
        // The reference run never reads the id list (reconciliation off, not forced); a first run, even a forced full one,
        // must make no more requests than it.
        await using var off = await CycleHarness.StartAsync(server, $"reconcile_off_{full}", settings: new Dictionary<string, string?> { ["Sync:ReconcileEvery"] = "00:00:00" });
        await using var on = await CycleHarness.StartAsync(server, $"reconcile_on_{full}");
        var request = full ? SyncRequest.Everything : SyncRequest.Incremental;

        await off.Get<ConnectionSynchronizer>().SyncAsync(await off.ConnectionAsync(), request with { Full = false }, Ct);
        await on.Get<ConnectionSynchronizer>().SyncAsync(await on.ConnectionAsync(), request, Ct);

        Assert.Equal(off.Simulator.RequestCount, on.Simulator.RequestCount);
        Assert.Equal(CycleHarness.Now.ToUnixTimeSeconds(), await on.Get<SyncCursorStore>().GetAsync((await on.ConnectionAsync()).Id, LeadReconciler.Stream, Ct));
    }

    [Fact]
    public async Task LeadPurgedWithoutATrace_IsTombstonedOnceADayHasPassedSinceTheFirstSync()
    {
        var crm = new ManualTimeProvider(CycleHarness.Now);
        var ours = new ManualTimeProvider(CycleHarness.Now);
        await using var h = await CycleHarness.StartAsync(server, "reconcile_purged", CycleHarness.Options(clock: crm), clock: ours);
        var connection = await h.ConnectionAsync();
        await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, Ct);
        var lead = h.Simulator.State.Leads[0];

        crm.Advance(TimeSpan.FromMinutes(1));
        h.Simulator.DeleteLead(lead.Id, withEvent: false, keepInTrash: false);
        Advance(crm, ours, TimeSpan.FromHours(23));
        await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, Ct);
        var beforeADay = await h.ScalarAsync<bool>($"select is_deleted from kpisync.deals where crm_id = {lead.Id}");
        Advance(crm, ours, TimeSpan.FromHours(1));
        await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, Ct);

        Assert.False(beforeADay);
        Assert.True(await h.ScalarAsync<bool>($"select is_deleted from kpisync.deals where crm_id = {lead.Id}"));
    }

    private static void Advance(ManualTimeProvider crm, ManualTimeProvider ours, TimeSpan by)
    {
        crm.Advance(by);
        ours.Advance(by);
    }
}
