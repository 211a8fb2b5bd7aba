using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;
using Npgsql;

namespace KpiSync.IntegrationTests.Storage;

/// <summary>The monthly aggregate's rules, on a real PostgreSQL with hand-made facts.</summary>
public sealed class FunnelEventStoreTests(PostgresServer server)
{
    private static DateTimeOffset At(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private async Task<IReadOnlyList<(long EmployeeId, string Period, KpiSync.Kpis.Indicators.EmployeePeriodTotals Totals)>> AggregateAsync(
        string name, string timeZone, params FunnelFact[] facts)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, name);
        var c = (await h.Get<ConnectionStore>().FindAsync(CycleHarness.ConnectionName, ct))!.Id;
        await using (var conn = await h.Get<NpgsqlDataSource>().OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await FunnelEventStore.UpsertAsync(conn, tx, c, facts, ct);
            await FunnelEventStore.UpsertAsync(conn, tx, c, facts, ct); // idempotent: same rows again change nothing
            await tx.CommitAsync(ct);
        }

        return await h.Get<FunnelEventStore>().AggregateMonthsAsync(c, timeZone, ct);
    }

    [Fact]
    public async Task AggregateMonths_DealWonThenReopened_NoLongerCountsAsWon()
    {
        var rows = await AggregateAsync(nameof(AggregateMonths_DealWonThenReopened_NoLongerCountsAsWon), "UTC",
            new FunnelFact("e1", FactKinds.DealWon, 7, 100, At(10, 3), Amount: 5000),
            new FunnelFact("e2", FactKinds.DealReopened, 7, 100, At(10, 9)),
            new FunnelFact("e3", FactKinds.DealWon, 7, 200, At(10, 4), Amount: 700),
            new FunnelFact("e4", FactKinds.DealWon, 7, 300, At(10, 5), Amount: 900),
            new FunnelFact("e5", FactKinds.DealLost, 7, 300, At(10, 6)));

        var (_, period, t) = Assert.Single(rows);
        Assert.Equal("2026-10", period);
        Assert.Equal(1, t.DealsWon);
        Assert.Equal(700m, t.RevenueWon);
        Assert.Equal(1, t.DealsLost);
    }

    [Fact]
    public async Task AggregateMonths_CallJustAfterMidnightInMoscow_CountsForTheNextMonth()
    {
        var rows = await AggregateAsync(nameof(AggregateMonths_CallJustAfterMidnightInMoscow_CountsForTheNextMonth), "Europe/Moscow",
            new FunnelFact("n1", FactKinds.CallOut, 7, null, new DateTimeOffset(2026, 10, 31, 21, 30, 0, TimeSpan.Zero), DurationSeconds: 60, Outcome: 4),
            new FunnelFact("n2", FactKinds.CallIn, 7, null, new DateTimeOffset(2026, 10, 31, 20, 30, 0, TimeSpan.Zero), DurationSeconds: 0, Outcome: 4),
            new FunnelFact("n3", FactKinds.CallIn, 7, null, At(10, 2), DurationSeconds: 45),
            new FunnelFact("n4", FactKinds.CallIn, 7, null, At(10, 2), DurationSeconds: 0),
            new FunnelFact("n5", FactKinds.CallOut, 7, null, At(10, 2), DurationSeconds: 10, Outcome: 3));

        var byPeriod = rows.ToDictionary(r => r.Period, r => r.Totals);
        Assert.Equal(1, byPeriod["2026-11"].CallsOut);
        Assert.Equal(2, byPeriod["2026-10"].CallsIn);   // status 4 with 0 s, and a 45 s call with no status
        Assert.Equal(0, byPeriod["2026-10"].CallsOut);  // status 3: not answered, whatever its duration
        Assert.Equal(4, byPeriod["2026-10"].CallsAttempted);
        Assert.Equal(45, byPeriod["2026-10"].CallSeconds);
    }

    [Fact]
    public async Task AggregateMonths_MeetingsCountOnlyWhenCompleted()
    {
        var rows = await AggregateAsync(nameof(AggregateMonths_MeetingsCountOnlyWhenCompleted), "UTC",
            new FunnelFact("t1", FactKinds.Meeting, 7, 1, At(10, 2), Outcome: 1),
            new FunnelFact("t2", FactKinds.Meeting, 7, 1, At(10, 3), Outcome: 0),
            new FunnelFact("t3", FactKinds.Task, 7, 1, At(10, 3), Outcome: 1));

        Assert.Equal(1, Assert.Single(rows).Totals.Meetings);
    }
}
