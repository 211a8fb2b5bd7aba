using KpiSync.IntegrationTests.Support;
using KpiSync.Kpis.Indicators;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.IntegrationTests.Storage;

/// <summary>
/// The value writer sends only the rows of a changed cell whose own hash changed (migration 0019). What it leaves must
/// be exactly what it was given — changed rows updated, vanished ones deleted, a vanished cell emptied — and rows that
/// did not change must not be written at all.
/// </summary>
public sealed class KpiValueStoreTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset First = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    private static KpiValueRow Row(long employee, string indicator, decimal? value) =>
        new(employee, "2026-10", indicator, value, false, Explanation.Count(indicator, value ?? 0));

    [Fact]
    public async Task AChangedCell_WritesOnlyItsChangedRows_DeletesVanishedRowsAndCells()
    {
        await using var h = await CycleHarness.StartAsync(server, "values_rows");
        var c = (await h.ConnectionAsync()).Id;
        var scope = new WriteScope(null, null, [], [(11, "2026-10"), (12, "2026-10")]);
        await WriteAsync(h, c, scope, [Row(11, "calls", 5), Row(11, "meetings", 2), Row(11, "touches", 7), Row(12, "calls", 1)], First);

        var (changed, _) = await WriteAsync(h, c, scope, [Row(11, "calls", 6), Row(11, "meetings", 2)], First.AddHours(1));

        Assert.Equal(3, changed);   // calls updated, touches deleted, employee 12's cell emptied
        Assert.Equal("11 calls 6 09:00|11 meetings 2 08:00", await RowsAsync(h, c));
    }

    [Fact]
    public async Task ACellStoredWithoutRowHashes_IsWrittenWholeAndLosesItsVanishedRows()
    {
        await using var h = await CycleHarness.StartAsync(server, "values_legacy");
        var c = (await h.ConnectionAsync()).Id;
        var scope = new WriteScope(null, null, [], [(11, "2026-10")]);
        await WriteAsync(h, c, scope, [Row(11, "calls", 5), Row(11, "meetings", 2), Row(11, "touches", 7)], First);
        await h.ScalarAsync<int>("update kpisync.kpi_cells set row_hashes = null returning 1");

        await WriteAsync(h, c, scope, [Row(11, "calls", 5), Row(11, "meetings", 3)], First.AddHours(1));

        Assert.Equal("11 calls 5 08:00|11 meetings 3 09:00", await RowsAsync(h, c));
        Assert.Equal(1L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_cells where row_hashes is not null"));
    }

    private static async Task<(int Changed, int Adjustments)> WriteAsync(CycleHarness h, int c, WriteScope scope, KpiValueRow[] rows, DateTimeOffset at)
    {
        await using var conn = await h.Get<NpgsqlDataSource>().OpenConnectionAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        var result = await KpiValueStore.WriteAsync(conn, tx, c, scope, rows, at, Ct);
        await tx.CommitAsync(Ct);
        return result;
    }

    // Each stored row with the UTC hour it was last written at: an unchanged row keeps the hour of its first write.
    private static Task<string> RowsAsync(CycleHarness h, int c) => h.ScalarAsync<string>($"""
        select string_agg(concat_ws(' ', employee_id, indicator, value, to_char(computed_at at time zone 'UTC', 'HH24:MI')), '|' order by employee_id, indicator)
        from kpisync.kpi_values where connection_id = {c}
        """);
}
