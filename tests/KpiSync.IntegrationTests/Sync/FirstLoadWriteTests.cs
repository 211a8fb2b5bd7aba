using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;
using Npgsql;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>
/// Before a connection's first recompute (migration 0017) fact batches are appended by COPY instead of merged, and
/// nothing is marked dirty. Both must be invisible in what is stored: a batch holding facts already stored, at its
/// head or anywhere else, ends as the merge would have left it; and a recompute running beside a write can never
/// miss facts whose dirty marks were skipped.
/// </summary>
public sealed class FirstLoadWriteTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FunnelFact Call(int i, int seconds = 60) =>
        new($"note:{i}", FactKinds.CallOut, 5, 7, CycleHarness.Now.AddHours(-i), DurationSeconds: seconds);

    private static DealRow Deal(long id, decimal price = 1000m, int updatedDaysAgo = 1) =>
        new(id, "Fence", price, 5, null, null, null, CycleHarness.Now.AddDays(-3), CycleHarness.Now.AddDays(-updatedDaysAgo), null, false);

    [Fact]
    public async Task ABatchWithStoredFactsAtItsHeadAndFurtherIn_EndsAsTheMergeLeavesIt()
    {
        await using var h = await CycleHarness.StartAsync(server, "first_load_mixed");
        var (fresh, recomputed) = await FreshAndRecomputedAsync(h);

        // The second batch re-reads facts 1 and 2 (its head, unchanged) and 700 (past the probed head, changed), the
        // way a stream's cursor overlap and a record that changed while being read bring them back.
        FunnelFact[] first = [.. Enumerable.Range(1, 1000).Select(i => Call(i))];
        FunnelFact[] second = [Call(1), Call(2), .. Enumerable.Range(1001, 600).Select(i => Call(i)), Call(700, seconds: 95), Call(1601)];
        var counts = new Dictionary<int, (int First, int Second)>();
        foreach (var c in (int[])[fresh, recomputed])
        {
            counts[c] = (await WriteAsync(h, c, first), await WriteAsync(h, c, second));
        }

        Assert.Equal((1000, 602), counts[fresh]);
        Assert.Equal(counts[recomputed], counts[fresh]);
        Assert.Equal(1601L, await h.ScalarAsync<long>($"select count(*) from kpisync.funnel_events where connection_id = {fresh}"));
        Assert.Equal(95, await h.ScalarAsync<int>($"select duration_s from kpisync.funnel_events where connection_id = {fresh} and source_key = 'note:700'"));
        Assert.Equal(0L, await DifferingRowsAsync(h, "funnel_events", "source_key, kind, employee_id, deal_id, occurred_at, duration_s", fresh, recomputed));
    }

    [Fact]
    public async Task ADealBatchWithStoredDealsAndADealReadTwice_EndsAsTheMergeLeavesIt()
    {
        await using var h = await CycleHarness.StartAsync(server, "first_load_deals");
        var (fresh, recomputed) = await FreshAndRecomputedAsync(h);

        // Deal 1 comes back unchanged at the head, 400 changed past the probed head, 900 twice (its later reading wins).
        DealRow[] first = [.. Enumerable.Range(1, 500).Select(i => Deal(i))];
        DealRow[] second = [Deal(1), .. Enumerable.Range(501, 300).Select(i => Deal(i)), Deal(400, price: 2500m, updatedDaysAgo: 0),
            Deal(900, price: 10m, updatedDaysAgo: 0), Deal(900, price: 5m, updatedDaysAgo: 2)];
        var counts = new Dictionary<int, (int First, int Second)>();
        foreach (var c in (int[])[fresh, recomputed])
        {
            counts[c] = (await WriteAsync(h, c, [], first), await WriteAsync(h, c, [], second));
        }

        Assert.Equal((500, 302), counts[fresh]);
        Assert.Equal(counts[recomputed], counts[fresh]);
        Assert.Equal(2500m, await h.ScalarAsync<decimal>($"select price from kpisync.deals where connection_id = {fresh} and crm_id = 400"));
        Assert.Equal(10m, await h.ScalarAsync<decimal>($"select price from kpisync.deals where connection_id = {fresh} and crm_id = 900"));
        Assert.Equal(0L, await DifferingRowsAsync(h, "deals", "crm_id, name, price, responsible_id, created_at, updated_at, is_deleted, deleted_at", fresh, recomputed));
    }

    [Fact]
    public async Task NothingIsMarkedDirtyBeforeTheFirstRecompute_EverythingIsAfterIt()
    {
        await using var h = await CycleHarness.StartAsync(server, "first_load_dirty");
        var c = (await h.ConnectionAsync()).Id;
        await WriteAsync(h, c, [Call(1), Call(2)], [Deal(7)]);
        Assert.Equal(0L, await DirtyAsync(h));

        await h.RunCycleAsync();
        Assert.Equal(0L, await DirtyAsync(h));
        await WriteAsync(h, c, [Call(3, seconds: 30)], [Deal(8)]);

        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.kpi_dirty_days") > 0);
        Assert.Equal(2L, await h.ScalarAsync<long>("select count(distinct deal_id) from kpisync.kpi_dirty_deals where deal_id in (7, 8)"));
    }

    [Fact]
    public async Task AWriteBesideTheFirstRecompute_WaitsForIt_ThenMarksWhatItWrites()
    {
        await using var h = await CycleHarness.StartAsync(server, "first_load_race");
        var c = (await h.ConnectionAsync()).Id;

        // The first recompute, as KpiRecomputer runs it: its lock first, its kpi_state row at the end.
        await using var recompute = new NpgsqlConnection(h.ConnectionString);
        await recompute.OpenAsync(Ct);
        await using var tx = await recompute.BeginTransactionAsync(Ct);
        await using (var cmd = new NpgsqlCommand($"select pg_advisory_xact_lock(hashtext('kpisync.recompute'), {c})", recompute, tx))
        {
            await cmd.ExecuteScalarAsync(Ct);
        }

        var write = WriteAsync(h, c, [Call(1)], [Deal(7)]);
        await h.WaitUntilAsync("select exists (select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%pg_advisory_xact_lock_shared%')", 30);
        Assert.False(write.IsCompleted);
        await using (var cmd = new NpgsqlCommand($"insert into kpisync.kpi_state (connection_id, last_recompute_at, fingerprint) values ({c}, now(), 'x')", recompute, tx))
        {
            await cmd.ExecuteNonQueryAsync(Ct);
        }

        await tx.CommitAsync(Ct);
        await write;

        // The recompute could not see the fact; the next one, incremental, finds it marked.
        Assert.Equal(1L, await h.ScalarAsync<long>("select count(distinct deal_id) from kpisync.kpi_dirty_deals where deal_id = 7"));
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.kpi_dirty_days") > 0);
    }

    /// <summary>The harness's connection, never recomputed, and a second one that was (the merge path).</summary>
    private static async Task<(int Fresh, int Recomputed)> FreshAndRecomputedAsync(CycleHarness h)
    {
        var fresh = (await h.ConnectionAsync()).Id;
        var recomputed = await h.Get<ConnectionStore>().AddAsync("recomputed", CrmKinds.AmoCrm, h.Simulator.BaseUrl, null, CrmCredentials.FromLongLivedToken("t"), Ct);
        await h.ScalarAsync<int>($"insert into kpisync.kpi_state (connection_id, last_recompute_at, fingerprint) values ({recomputed}, now(), 'x') returning 1");
        return (fresh, recomputed);
    }

    /// <summary>Rows of <paramref name="table"/> that one connection holds and the other does not, over <paramref name="columns"/>.</summary>
    private static Task<long> DifferingRowsAsync(CycleHarness h, string table, string columns, int a, int b) => h.ScalarAsync<long>($"""
        select count(*) from (
            (select {columns} from kpisync.{table} where connection_id = {a} except select {columns} from kpisync.{table} where connection_id = {b})
            union all
            (select {columns} from kpisync.{table} where connection_id = {b} except select {columns} from kpisync.{table} where connection_id = {a})) d
        """);

    private static Task<long> DirtyAsync(CycleHarness h) =>
        h.ScalarAsync<long>("select (select count(*) from kpisync.kpi_dirty_days) + (select count(*) from kpisync.kpi_dirty_deals)");

    private static async Task<int> WriteAsync(CycleHarness h, int c, FunnelFact[] facts, DealRow[]? deals = null)
    {
        await using var conn = new NpgsqlConnection(h.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        var changed = await DealStore.UpsertAsync(conn, tx, c, deals ?? [], Ct) + await FunnelEventStore.UpsertAsync(conn, tx, c, facts, Ct);
        await tx.CommitAsync(Ct);
        return changed;
    }
}
