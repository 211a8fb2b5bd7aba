using KpiSync.IntegrationTests.Recompute;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;
using Npgsql;

namespace KpiSync.IntegrationTests.Storage;

/// <summary>
/// What every recompute reads before any fact: the product catalog's size (a loose scan of the live deals' product
/// index, 0020) and the first facts (the earliest, and each active employee's) — both walks must give what a plain
/// aggregate gives.
/// </summary>
public sealed class KpiInputScopeTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DealRow Deal(long id, string? product, bool deleted = false) =>
        new(id, $"Deal {id}", 100m, 11, 1, 10, null, CycleHarness.Now.AddDays(-3), CycleHarness.Now.AddDays(-1), null, deleted, Product: product);

    [Fact]
    public async Task CatalogSize_CountsTheDistinctProductsOfLiveDeals()
    {
        await using var h = await CycleHarness.StartAsync(server, "scope_catalog");
        var c = (await h.ConnectionAsync()).Id;
        var dataSource = h.Get<NpgsqlDataSource>();
        await FactStreamBuilder.WriteAsync(dataSource, c,
            [Deal(1, "Fence"), Deal(2, "Gate"), Deal(3, "Gate"), Deal(4, "Anchor"), Deal(5, ""), Deal(6, null), Deal(7, "Roof", deleted: true), Deal(8, "fence")], [], Ct);

        await using var conn = await dataSource.OpenConnectionAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        Assert.Equal(4, await KpiInputStore.CatalogSizeAsync(conn, tx, c, Ct));   // Anchor, Fence, fence, Gate
        Assert.Equal(0, await KpiInputStore.CatalogSizeAsync(conn, tx, c + 1000, Ct));
    }

    [Fact]
    public async Task FirstFacts_GiveTheEarliestFactAndEachActiveEmployeesFirst()
    {
        await using var h = await CycleHarness.StartAsync(server, "scope_first_facts");
        var c = (await h.ConnectionAsync()).Id;
        var dataSource = h.Get<NpgsqlDataSource>();
        await FactStreamBuilder.SeedReferenceAsync(h.Get<ReferenceDataStore>(), c, Ct);   // 11–13 active, 14 not
        var now = CycleHarness.Now;
        FunnelFact Call(int i, long? employee, int daysAgo) => new($"note:{i}", FactKinds.CallOut, employee, null, now.AddDays(-daysAgo), DurationSeconds: 30);
        await FactStreamBuilder.WriteAsync(dataSource, c, [], [Call(1, 11, 5), Call(2, 11, 9), Call(3, 12, 2), Call(4, 14, 20), Call(5, null, 30)], Ct);

        await using var conn = await dataSource.OpenConnectionAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        var (earliest, active) = await KpiInputStore.FirstFactsAsync(conn, tx, c, now, Ct);

        Assert.Equal(now.AddDays(-30), earliest);
        Assert.Equal(new Dictionary<long, DateTimeOffset> { [11] = now.AddDays(-9), [12] = now.AddDays(-2), [13] = now }, active);
        Assert.Equal(active, await KpiInputStore.ActiveEmployeesSinceAsync(conn, tx, c, now, Ct));
    }
}
