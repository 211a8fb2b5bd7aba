using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;
using Npgsql;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>
/// Facts and deals have no per-row foreign key to their connection (migration 0015); the stores hold the connection
/// row for the write instead, and a trigger deletes a connection's rows with it. Together they must keep what the
/// foreign key kept: no fact or deal outlives its connection, and none is written for a connection that is gone.
/// </summary>
public sealed class ConnectionRowsTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FunnelFact[] Calls(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new FunnelFact($"note:{i}", FactKinds.CallOut, 5, null, CycleHarness.Now.AddHours(-i), DurationSeconds: 60))];

    private static DealRow Deal(long id) =>
        new(id, "Fence", 1000m, 5, null, null, null, CycleHarness.Now.AddDays(-3), CycleHarness.Now.AddDays(-1), null, false);

    [Fact]
    public async Task DeletingAConnection_DeletesItsFactsAndDeals_AndLeavesOtherConnectionsAlone()
    {
        await using var h = await CycleHarness.StartAsync(server, "rows_delete");
        await h.RunCycleAsync();
        var other = await h.Get<ConnectionStore>().AddAsync("other", CrmKinds.AmoCrm, h.Simulator.BaseUrl, null, CrmCredentials.FromLongLivedToken("t"), Ct);
        await WriteAsync(h, other, Calls(3), [Deal(1)]);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.funnel_events f join kpisync.connections c on c.id = f.connection_id where c.name = 'sim'") > 100);

        await h.ScalarAsync<int>("with gone as (delete from kpisync.connections where name = 'sim' returning 1) select count(*)::int from gone");

        Assert.Equal(0L, await h.ScalarAsync<long>($"select count(*) from kpisync.funnel_events where connection_id <> {other}"));
        Assert.Equal(0L, await h.ScalarAsync<long>($"select count(*) from kpisync.deals where connection_id <> {other}"));
        Assert.Equal(3L, await h.ScalarAsync<long>($"select count(*) from kpisync.funnel_events where connection_id = {other}"));
        Assert.Equal(1L, await h.ScalarAsync<long>($"select count(*) from kpisync.deals where connection_id = {other}"));
    }

    [Fact]
    public async Task AWriteForAConnectionThatIsGone_FailsAndStoresNothing()
    {
        await using var h = await CycleHarness.StartAsync(server, "rows_gone");
        var gone = (await h.ConnectionAsync()).Id + 1000;

        await Assert.ThrowsAsync<StorageException>(() => WriteAsync(h, gone, Calls(2), []));
        await Assert.ThrowsAsync<StorageException>(() => WriteAsync(h, gone, [], [Deal(1)]));

        Assert.Equal(0L, await h.ScalarAsync<long>("select (select count(*) from kpisync.funnel_events) + (select count(*) from kpisync.deals)"));
    }

    [Fact]
    public async Task ADeleteDuringAWrite_WaitsForItsCommit_ThenRemovesWhatItStored()
    {
        await using var h = await CycleHarness.StartAsync(server, "rows_race");
        var c = (await h.ConnectionAsync()).Id;
        await using var writer = new NpgsqlConnection(h.ConnectionString);
        await writer.OpenAsync(Ct);
        await using var tx = await writer.BeginTransactionAsync(Ct);
        await FunnelEventStore.UpsertAsync(writer, tx, c, Calls(5), Ct);
        await DealStore.UpsertAsync(writer, tx, c, [Deal(1)], Ct);

        var delete = h.ScalarAsync<int>($"with gone as (delete from kpisync.connections where id = {c} returning 1) select count(*)::int from gone");
        await h.WaitUntilAsync("select exists (select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%delete from kpisync.connections%')", 30);
        Assert.False(delete.IsCompleted);
        await tx.CommitAsync(Ct);

        Assert.Equal(1, await delete);
        Assert.Equal(0L, await h.ScalarAsync<long>("select (select count(*) from kpisync.funnel_events) + (select count(*) from kpisync.deals)"));
    }

    private static async Task WriteAsync(CycleHarness h, int c, FunnelFact[] facts, DealRow[] deals)
    {
        await using var conn = new NpgsqlConnection(h.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        await DealStore.UpsertAsync(conn, tx, c, deals, Ct);
        await FunnelEventStore.UpsertAsync(conn, tx, c, facts, Ct);
        await tx.CommitAsync(Ct);
    }
}
