using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Sync;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>Accounts without API filtering, and range re-reads.</summary>
public sealed class SyncModesTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SimulatorOptions Options(bool filter) => CycleHarness.Options(apiFilter: filter, employees: 12, months: 3);

    [Fact]
    public async Task Sync_AccountWithoutApiFiltering_ReadsNewestFirstToTheCursorAndEndsIdentical()
    {
        await using var filtered = await CycleHarness.StartAsync(server, "filter_on", Options(filter: true));
        await using var unfiltered = await CycleHarness.StartAsync(server, "filter_off", Options(filter: false));
        await filtered.RunCycleAsync();

        await unfiltered.RunCycleAsync();
        var again = await unfiltered.Get<ConnectionSynchronizer>().SyncAsync(await unfiltered.ConnectionAsync(), SyncRequest.Incremental, Ct);

        foreach (var (table, order) in new[] { ("funnel_events", "source_key"), ("deals", "crm_id"), ("kpi_values", "period, employee_id, indicator") })
        {
            Assert.Equal(await filtered.DigestAsync(table, order), await unfiltered.DigestAsync(table, order));
        }

        Assert.Equal(0, again.Changed);
        Assert.True(again.Entities < unfiltered.Simulator.State.Leads.Count / 2, $"the incremental re-read read {again.Entities} records");
    }

    [Fact]
    public async Task Sync_FullRange_RereadsOnlyThatRangeAndNeverMovesCursorsBack()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Sync_FullRange_RereadsOnlyThatRangeAndNeverMovesCursorsBack));
        var connection = await h.ConnectionAsync();
        var everything = await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, Ct);
        var cursors = await h.Get<KpiSync.Storage.SyncCursorStore>().GetAllAsync(connection.Id, Ct);
        await h.ScalarAsync<long>("with d as (delete from kpisync.funnel_events where kind = 'call_out' and occurred_at >= '2026-10-01' returning 1) select count(*) from d");

        var range = await h.Get<ConnectionSynchronizer>().SyncAsync(connection,
            new SyncRequest(Full: true, From: new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), To: CycleHarness.Now), Ct);

        Assert.True(range.Entities < everything.Entities, $"{range.Entities} of {everything.Entities}");
        Assert.Equal(h.Simulator.State.Notes.Count, await h.ScalarAsync<long>("select count(*) from kpisync.funnel_events where kind in ('call_in', 'call_out')"));
        var after = await h.Get<KpiSync.Storage.SyncCursorStore>().GetAllAsync(connection.Id, Ct);
        Assert.All(cursors, c => Assert.True(after[c.Key] >= c.Value));
    }
}
