using KpiSync.CrmSimulator;
using KpiSync.Crm;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.IntegrationTests.Sync;

public sealed class ConnectionSynchronizerTests(PostgresServer server)
{
    [Fact]
    public async Task SyncAsync_PageWithMalformedLead_QuarantinesItAndStoresTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        var probe = await AmoCrmSimulator.StartAsync(CycleHarness.Options(), ct);
        var bad = probe.State.Leads[10].Id;
        var total = probe.State.Leads.Count;
        await probe.DisposeAsync();
        await using var h = await CycleHarness.StartAsync(server, nameof(SyncAsync_PageWithMalformedLead_QuarantinesItAndStoresTheRest), CycleHarness.Options(malformed: [bad]));
        var connection = (await h.Get<ConnectionStore>().FindAsync(CycleHarness.ConnectionName, ct))!;

        var counts = await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, ct);

        Assert.Equal(1, counts.Quarantined);
        var row = Assert.Single(await h.Get<QuarantineStore>().ListAsync(connection.Id, includeClosed: false, ct));
        Assert.Equal("leads", row.Stream);
        Assert.Equal(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), row.RecordKey);
        Assert.Contains("not-a-number", row.Raw, StringComparison.Ordinal);
        Assert.StartsWith("does not parse", row.Reason, StringComparison.Ordinal);
        Assert.Equal(total - 1L, await h.ScalarAsync<long>("select count(*) from kpisync.deals"));
        Assert.Equal(0L, await h.ScalarAsync<long>($"select count(*) from kpisync.deals where crm_id = {bad}"));
        Assert.Equal("succeeded", await h.ScalarAsync<string>("select status from kpisync.sync_runs"));
    }

    [Fact]
    public async Task SyncAsync_AUserDeletedInTheCrm_StopsBeingActive_AndKeepsTheirFacts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, nameof(SyncAsync_AUserDeletedInTheCrm_StopsBeingActive_AndKeepsTheirFacts));
        await h.RunCycleAsync();
        var gone = h.Simulator.State.Users[1].Id;
        var facts = await h.ScalarAsync<long>($"select count(*) from kpisync.funnel_events where employee_id = {gone}");
        Assert.True(facts > 0);
        Assert.Equal(h.Simulator.State.Users.Count, await h.ScalarAsync<long>("select count(*) from kpisync.crm_users where is_active"));

        h.Simulator.RemoveUser(gone);
        await h.RunCycleAsync();

        Assert.False(await h.ScalarAsync<bool>($"select is_active from kpisync.crm_users where crm_id = {gone}"));
        Assert.Equal(h.Simulator.State.Users.Count - 1L, await h.ScalarAsync<long>("select count(*) from kpisync.crm_users where is_active"));
        Assert.Equal(facts, await h.ScalarAsync<long>($"select count(*) from kpisync.funnel_events where employee_id = {gone}"));
    }

    [Fact]
    public async Task SyncAsync_WithTheRealRateLimit_ReadsEverythingWithoutLosingAPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, nameof(SyncAsync_WithTheRealRateLimit_ReadsEverythingWithoutLosingAPage),
            CycleHarness.Options(employees: 2, months: 1, requestsPerSecond: 7),
            new Dictionary<string, string?> { ["Crm:RequestsPerSecond"] = "7" });
        var connection = (await h.Get<ConnectionStore>().FindAsync(CycleHarness.ConnectionName, ct))!;

        await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, ct);

        Assert.Equal(h.Simulator.State.Leads.Count, await h.ScalarAsync<long>("select count(*) from kpisync.deals"));
        Assert.Equal(h.Simulator.State.Notes.Count, await h.ScalarAsync<long>("select count(*) from kpisync.funnel_events where kind in ('call_in', 'call_out')"));
        Assert.Equal(h.Simulator.State.Tasks.Count, await h.ScalarAsync<long>("select count(*) from kpisync.funnel_events where kind in ('meeting', 'task')"));
    }

    [Fact]
    public async Task SyncAsync_ReaderBehindTheStore_CommitsEachPageWithoutWaitingForABatch()
    {
        var ct = TestContext.Current.CancellationToken;
        // Batches that would close only at a stream's end (a million records or ten minutes), and a paced reader.
        await using var h = await CycleHarness.StartAsync(server, nameof(SyncAsync_ReaderBehindTheStore_CommitsEachPageWithoutWaitingForABatch),
            CycleHarness.Options(employees: 12, months: 4),
            new Dictionary<string, string?> { ["Crm:RequestsPerSecond"] = "5", ["Sync:CommitRecords"] = "1000000", ["Sync:CommitEvery"] = "00:10:00" });
        var connection = (await h.Get<ConnectionStore>().FindAsync(CycleHarness.ConnectionName, ct))!;
        var total = h.Simulator.State.Leads.Count;
        Assert.True(total > 1000, $"the account needs several lead pages, has {total} leads");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var sync = h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, stop.Token);
        await h.WaitUntilAsync("select exists (select 1 from kpisync.deals)");
        var stored = await h.ScalarAsync<long>("select count(*) from kpisync.deals");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync);

        // The first pages landed while the stream was still reading, not all at its end.
        Assert.InRange(stored, 1, total - 250);
    }

    [Fact]
    public async Task SyncAsync_Incremental_ReadsOnlyFromTheCursorAndMovesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, nameof(SyncAsync_Incremental_ReadsOnlyFromTheCursorAndMovesIt));
        var connection = (await h.Get<ConnectionStore>().FindAsync(CycleHarness.ConnectionName, ct))!;
        var first = await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, ct);
        var cursors = await h.Get<SyncCursorStore>().GetAllAsync(connection.Id, ct);

        var second = await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, ct);

        Assert.Equal(["calls", "events", "leads", "reconcile", "tasks"], cursors.Keys.Order());
        Assert.Equal(h.Simulator.State.Leads.Max(l => l.UpdatedAt).ToUnixTimeSeconds(), cursors["leads"]);
        Assert.True(second.Entities < first.Entities / 10, $"an incremental re-read read {second.Entities} of {first.Entities} records");
        Assert.Equal(cursors, await h.Get<SyncCursorStore>().GetAllAsync(connection.Id, ct));
    }

    [Fact]
    public async Task SyncAsync_UnreachableCrm_FailsClearlyAndRecordsTheRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, nameof(SyncAsync_UnreachableCrm_FailsClearlyAndRecordsTheRun),
            settings: new Dictionary<string, string?> { ["Crm:MaxRetries"] = "1" });
        var connection = (await h.Get<ConnectionStore>().FindAsync(CycleHarness.ConnectionName, ct))! with { BaseUrl = new Uri("http://127.0.0.1:9/") };

        var e = await Assert.ThrowsAsync<CrmApiException>(() => h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, ct));

        Assert.Contains("unreachable", e.Message, StringComparison.Ordinal);
        Assert.Equal("failed", await h.ScalarAsync<string>("select status from kpisync.sync_runs"));
    }
}
