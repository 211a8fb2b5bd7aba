using KpiSync.IntegrationTests.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Recompute;
using KpiSync.Storage;
using KpiSync.Sync;
using Npgsql;

namespace KpiSync.IntegrationTests.Recompute;

/// <summary>
/// The property the issue asks for: any sequence of incremental recomputes over a random fact stream ends with the
/// same values and pay as one full recompute of the final facts. Several seeds, each a different history.
/// </summary>
public sealed class IncrementalRecomputeTests(PostgresServer server)
{
    private const string ValuesDigest = "select coalesce(md5(string_agg(concat_ws('|', employee_id, period, indicator, value, low_sample, explanation::text), ';' order by period, employee_id, indicator)), 'empty') from kpisync.kpi_values";
    private const string PartsDigest = """
        select md5(coalesce((select string_agg(concat_ws('|', deal_id, employee_id, period, encode(body, 'hex')), ';' order by deal_id, employee_id, period) from kpisync.kpi_deal_parts), '')
                   || coalesce((select string_agg(concat_ws('|', deal_id, digest, encode(tail, 'hex')), ';' order by deal_id) from kpisync.kpi_deal_digests), '')
                   || coalesce((select string_agg(concat_ws('|', deal_id, period, employees::text, encode(body, 'hex')), ';' order by deal_id) from kpisync.kpi_deal_running), ''))
        """;
    private const string PayoutsDigest = "select coalesce(md5(string_agg(concat_ws('|', employee_id, period, scheme_name, scheme_version, kpi_index, total, breakdown::text), ';' order by period, employee_id)), 'empty') from kpisync.payouts";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task IncrementalRecomputes_OverARandomFactStream_EqualOneFullRecompute(int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, $"incremental_{seed}");
        var (connection, dataSource, recomputer, stream) = await StartStreamAsync(h, seed, ct);
        var incrementals = 0;
        for (var batch = 0; batch < 30; batch++)
        {
            await stream.WriteBatchAsync(dataSource, connection.Id, ct);
            if (batch % 3 != 2)
            {
                // A new product changes coverage everywhere, so that batch recomputes fully; the rest stay incremental.
                var r = await recomputer.RecomputeAsync(connection, full: false, ct);
                incrementals += r.Full ? 0 : 1;
            }
        }

        Assert.True(incrementals >= 12, $"only {incrementals} incremental recomputes");
        await recomputer.RecomputeAsync(connection, full: false, ct);
        await AssertEqualToFullAsync(h, connection, ct);
    }

    /// <summary>
    /// The same property while the clock moves between recomputes (hours to two days at a time, across a month's end):
    /// payment due dates pass, facts dated ahead of the clock become the past, working days complete, and the month
    /// rolls over. Every recompute but the one at the new month stays incremental.
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public async Task IncrementalRecomputes_AsTimePasses_EqualOneFullRecompute(int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 9, 14, 7, 30, 0, TimeSpan.Zero));
        await using var h = await CycleHarness.StartAsync(server, $"incremental_time_{seed}", clock: clock);
        var (connection, dataSource, recomputer, stream) = await StartStreamAsync(h, seed, ct);
        var random = new Random(seed);
        var incrementals = 0;
        var tails = 0;
        for (var batch = 0; batch < 30; batch++)
        {
            await stream.WriteBatchAsync(dataSource, connection.Id, ct);
            clock.Advance(TimeSpan.FromMinutes(random.Next(60, 48 * 60)));
            var r = await recomputer.RecomputeAsync(connection, full: false, ct);
            incrementals += r.Full ? 0 : 1;
            tails += r.ReplayedDeals.Tails;
        }

        Assert.True(incrementals >= 12, $"only {incrementals} incremental recomputes");
        Assert.True(tails >= 10, $"only {tails} deals replayed from their tails");
        clock.Advance(TimeSpan.FromHours(5));
        await recomputer.RecomputeAsync(connection, full: false, ct);
        await AssertEqualToFullAsync(h, connection, ct);
    }

    /// <summary>
    /// A new employee's deal, created in a past month and won in the running one, then re-opened. Its first recompute
    /// meets cells without a stored sum (their idle time comes from the calendar, not from the sum), and then a cell whose
    /// only win is taken back: its sum must print as a sum of no parts does — 0, not 0.00 (the scale of the part taken
    /// out must not stay behind).
    /// </summary>
    [Fact]
    public async Task IncrementalRecompute_ACellLosingItsOnlyWin_EqualsOneFullRecompute()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "incremental_only_win");
        var (connection, dataSource, recomputer, stream) = await StartStreamAsync(h, 11, ct);
        for (var batch = 0; batch < 12; batch++)
        {
            await stream.WriteBatchAsync(dataSource, connection.Id, ct);
        }

        await recomputer.RecomputeAsync(connection, full: false, ct);
        var at = new DateTimeOffset(2026, 9, 2, 9, 0, 0, TimeSpan.Zero);
        var won = new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);
        var deal = new DealRow(9001, "Deal 9001", 1500.50m, 15, 1, 142, null, at, won, won, false);
        await FactStreamBuilder.WriteAsync(dataSource, connection.Id, [deal],
        [
            new FunnelFact("lead:9001:created", FactKinds.DealCreated, 15, 9001, at, deal.Price),
            new FunnelFact("event:9001:won", FactKinds.DealWon, 15, 9001, won, deal.Price, StageFrom: 10, StageTo: 142),
        ], ct);
        Assert.False((await recomputer.RecomputeAsync(connection, full: false, ct)).Full);
        Assert.Equal(176m, await h.ScalarAsync<decimal>("select value from kpisync.kpi_values where employee_id = 15 and period = '2026-09' and indicator = 'idle_hours'"));
        await FactStreamBuilder.WriteAsync(dataSource, connection.Id, [deal with { StatusId = 20, UpdatedAt = won.AddDays(2), ClosedAt = null }],
            [new FunnelFact("event:9001:reopened", FactKinds.DealReopened, 15, 9001, won.AddDays(2), StageFrom: 142, StageTo: 20)], ct);
        Assert.False((await recomputer.RecomputeAsync(connection, full: false, ct)).Full);

        Assert.Equal("0", await h.ScalarAsync<string>("select value::text from kpisync.kpi_values where employee_id = 15 and period = '2026-10' and indicator = 'revenue'"));
        await AssertEqualToFullAsync(h, connection, ct);
    }

    /// <summary>
    /// A connection with the stream's employees, reference data and schemes, recomputed fully once; even seeds use a
    /// zone whose months do not start at UTC midnight.
    /// </summary>
    private static async Task<(KpiSync.Crm.CrmConnection Connection, NpgsqlDataSource DataSource, KpiRecomputer Recomputer, FactStreamBuilder Stream)> StartStreamAsync(
        CycleHarness h, int seed, CancellationToken ct)
    {
        if (seed % 2 == 0)
        {
            await h.ScalarAsync<int>("update kpisync.connections set time_zone = 'Europe/Moscow' returning 1");
        }

        var connection = await h.ConnectionAsync();
        await FactStreamBuilder.SeedReferenceAsync(h.Get<ReferenceDataStore>(), connection.Id, ct);
        await SchemeFixture.AssignAsync(h, connection, FactStreamBuilder.Employees, ct);
        var recomputer = h.Get<KpiRecomputer>();
        await recomputer.RecomputeAsync(connection, full: true, ct);
        return (connection, h.Get<NpgsqlDataSource>(), recomputer, new FactStreamBuilder(seed));
    }

    /// <summary>Snapshots what the incremental recomputes left, recomputes fully, and compares every value and payout.</summary>
    private static async Task AssertEqualToFullAsync(CycleHarness h, KpiSync.Crm.CrmConnection connection, CancellationToken ct)
    {
        var dataSource = h.Get<NpgsqlDataSource>();
        var recomputer = h.Get<KpiRecomputer>();
        var values = await h.ScalarAsync<string>(ValuesDigest);
        var payouts = await h.ScalarAsync<string>(PayoutsDigest);
        var rows = await h.ScalarAsync<long>("select count(*) from kpisync.kpi_values");
        var parts = await h.ScalarAsync<string>(PartsDigest);

        await using (var snap = await dataSource.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand("create table kpisync.incremental_snapshot as select employee_id, period, indicator, value, low_sample, explanation from kpisync.kpi_values", snap))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await using (var snap = await dataSource.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand("create table kpisync.incremental_payouts as select * from kpisync.payouts", snap))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var full = await recomputer.RecomputeAsync(connection, full: true, ct);
        var payoutDiff = await h.ScalarAsync<string>("""
            select coalesce(string_agg(concat_ws(' ', coalesce(a.employee_id, b.employee_id), coalesce(a.period, b.period),
                                                 'incremental=' || a.total || ' ' || a.breakdown::text || ' ' || a.kpi_index, 'full=' || b.total || ' ' || b.breakdown::text || ' ' || b.kpi_index), E'\n'), '')
            from kpisync.incremental_payouts a full join kpisync.payouts b using (employee_id, period)
            where (a.scheme_name, a.scheme_version, a.kpi_index, a.fixed, a.bonus, a.penalties, a.total, a.breakdown::text)
                  is distinct from (b.scheme_name, b.scheme_version, b.kpi_index, b.fixed, b.bonus, b.penalties, b.total, b.breakdown::text)
            """);
        Assert.True(payoutDiff.Length == 0, "incremental and full pay differ:\n" + string.Join('\n', payoutDiff.Split('\n').Take(5)));
        var diff = await h.ScalarAsync<string>("""
            select coalesce(string_agg(concat_ws(' ', coalesce(a.employee_id, b.employee_id), coalesce(a.period, b.period), coalesce(a.indicator, b.indicator),
                                                 'incremental=' || coalesce(a.value::text, '∅') || ' ' || a.low_sample || ' ' || a.explanation::text,
                                                 'full=' || coalesce(b.value::text, '∅') || ' ' || b.low_sample || ' ' || b.explanation::text), E'\n'), '')
            from (select * from kpisync.incremental_snapshot) a full join (select employee_id, period, indicator, value, low_sample, explanation from kpisync.kpi_values) b
              using (employee_id, period, indicator)
            where (a.value, a.low_sample, a.explanation::text) is distinct from (b.value, b.low_sample, b.explanation::text) or a.employee_id is null or b.employee_id is null
            """);
        Assert.True(diff.Length == 0, "incremental and full differ:\n" + string.Join('\n', diff.Split('\n').Take(15)));

        Assert.True(rows > 300, $"only {rows} values: the stream is too thin to prove anything");
        Assert.Equal(0, full.Changed);
        // The stored parts, deal digests and tails too: a full recompute finds nothing to rewrite.
        Assert.Equal(parts, await h.ScalarAsync<string>(PartsDigest));
        Assert.Equal(values, await h.ScalarAsync<string>(ValuesDigest));
        Assert.Equal(payouts, await h.ScalarAsync<string>(PayoutsDigest));
        Assert.Equal(0L, await h.ScalarAsync<long>("""
            select (select count(*) from kpisync.kpi_dirty_months) + (select count(*) from kpisync.kpi_dirty_deals) + (select count(*) from kpisync.kpi_dirty_days)
            """));
    }

    /// <summary>
    /// Touches dated in the running month on deals with a history replay those deals from their stored tails, and must
    /// give what a replay over every touch gives: a deal already answered before the month gets no second response
    /// (its anchor), a deal handed over before the month without an answer gets its response now, and a touch earlier
    /// than the month's first one moves the response.
    /// </summary>
    [Fact]
    public async Task IncrementalRecompute_TouchesOnOldDeals_ReplayTheirTailsAndEqualOneFullRecompute()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 10, 15, 10, 0, 0, TimeSpan.Zero));
        await using var h = await CycleHarness.StartAsync(server, "incremental_tails", clock: clock);
        var (connection, dataSource, recomputer, stream) = await StartStreamAsync(h, 13, ct);
        for (var batch = 0; batch < 12; batch++)
        {
            await stream.WriteBatchAsync(dataSource, connection.Id, ct);
        }

        DateTimeOffset On(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);
        DealRow Deal(long id, long owner, DateTimeOffset at) => new(id, $"Deal {id}", 2000m, owner, 1, 10, null, at, at, null, false, Segment: "SMB");
        FunnelFact Created(long id, long owner, DateTimeOffset at) => new($"lead:{id}:created", FactKinds.DealCreated, owner, id, at, 2000m);
        FunnelFact Call(string key, long employee, long deal, DateTimeOffset at) =>
            new(key, FactKinds.CallOut, employee, deal, at, DurationSeconds: 60, Outcome: 4);
        await FactStreamBuilder.WriteAsync(dataSource, connection.Id,
            [Deal(9101, 11, On(9, 2)), Deal(9102, 12, On(9, 2)) with { UpdatedAt = On(9, 20) }, Deal(9103, 13, On(9, 5))],
            [
                Created(9101, 11, On(9, 2)), Call("note:a1", 11, 9101, On(9, 3)),
                Created(9102, 11, On(9, 2)),
                new FunnelFact("event:b-handover", FactKinds.ResponsibleChanged, 12, 9102, On(9, 20), PayloadJson: """{"from":11,"to":12}"""),
                Created(9103, 13, On(9, 5)), Call("note:c1", 13, 9103, On(10, 8)),
            ], ct);
        await recomputer.RecomputeAsync(connection, full: false, ct);

        await FactStreamBuilder.WriteAsync(dataSource, connection.Id, [],
            [Call("note:a2", 11, 9101, On(10, 10)), Call("note:b1", 12, 9102, On(10, 5)), Call("note:c0", 13, 9103, On(10, 6))], ct);
        var r = await recomputer.RecomputeAsync(connection, full: false, ct);

        Assert.False(r.Full);
        Assert.Equal((0, 3), r.ReplayedDeals);
        await AssertEqualToFullAsync(h, connection, ct);
    }

    [Fact]
    public async Task IncrementalRecompute_WithNothingNew_ChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "incremental_idle");
        var connection = await h.ConnectionAsync();
        await FactStreamBuilder.SeedReferenceAsync(h.Get<ReferenceDataStore>(), connection.Id, ct);
        var stream = new FactStreamBuilder(9);
        for (var i = 0; i < 5; i++)
        {
            await stream.WriteBatchAsync(h.Get<NpgsqlDataSource>(), connection.Id, ct);
        }

        var first = await h.Get<KpiRecomputer>().RecomputeAsync(connection, full: false, ct);
        var second = await h.Get<KpiRecomputer>().RecomputeAsync(connection, full: false, ct);

        Assert.True(first.Full);   // nothing computed yet: the first recompute is a full one
        Assert.True(first.Changed > 0);
        Assert.False(second.Full);
        Assert.Equal(0, second.Changed);
    }
}
