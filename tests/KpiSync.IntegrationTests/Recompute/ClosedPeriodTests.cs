using KpiSync.IntegrationTests.Support;
using KpiSync.Recompute;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.IntegrationTests.Recompute;

/// <summary>A closed period is frozen: later facts show as adjustments; reopening and recomputing applies them.</summary>
public sealed class ClosedPeriodTests(PostgresServer server)
{
    private const string September = "select coalesce(md5(string_agg(concat_ws('|', employee_id, indicator, value), ';' order by employee_id, indicator)), 'empty') from kpisync.kpi_values where period = '2026-09'";
    private const string SeptemberPay = "select coalesce(md5(string_agg(concat_ws('|', employee_id, total), ';' order by employee_id)), 'empty') from kpisync.payouts where period = '2026-09'";

    [Fact]
    public async Task ClosedPeriod_StaysFrozenAfterNewFacts_ReopenAndRecomputeChangesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "closed_period");
        var connection = await h.ConnectionAsync();
        var recomputer = h.Get<KpiRecomputer>();
        var periods = h.Get<PeriodStore>();
        await FactStreamBuilder.SeedReferenceAsync(h.Get<ReferenceDataStore>(), connection.Id, ct);
        await SchemeFixture.AssignAsync(h, connection, FactStreamBuilder.Employees, ct);
        var stream = new FactStreamBuilder(5);
        for (var i = 0; i < 10; i++)
        {
            await stream.WriteBatchAsync(h.Get<NpgsqlDataSource>(), connection.Id, ct);
        }

        await recomputer.RecomputeAsync(connection, full: false, ct);
        Assert.True(await periods.SetStatusAsync(connection.Id, "2026-09", closed: true, "director", ct));
        var frozen = await h.ScalarAsync<string>(September);
        var frozenPay = await h.ScalarAsync<string>(SeptemberPay);

        for (var i = 0; i < 15; i++)
        {
            await stream.WriteBatchAsync(h.Get<NpgsqlDataSource>(), connection.Id, ct);
        }

        await recomputer.RecomputeAsync(connection, full: false, ct);
        await recomputer.RecomputeAsync(connection, full: true, ct);
        Assert.Equal(frozen, await h.ScalarAsync<string>(September));
        Assert.Equal(frozenPay, await h.ScalarAsync<string>(SeptemberPay));
        var adjustments = await h.ScalarAsync<long>("select count(*) from kpisync.kpi_adjustments where period = '2026-09'");
        Assert.True(adjustments > 0, "new September facts should show as adjustments");
        const string Pending = "select concat_ws('|', employee_id, indicator, current_value) from kpisync.kpi_adjustments where period = '2026-09' order by 1";
        var pending = await RowsAsync(h, Pending);

        Assert.True(await periods.SetStatusAsync(connection.Id, "2026-09", closed: false, "director", ct));
        var reopened = await recomputer.RecomputeAsync(connection, full: false, ct);

        Assert.True(reopened.Full);   // reopening makes the next recompute a full one
        Assert.NotEqual(frozen, await h.ScalarAsync<string>(September));
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_adjustments"));
        // What the adjustments announced is what the reopened period now holds.
        Assert.Equal(pending, await RowsAsync(h, $"""
            select concat_ws('|', a.employee_id, a.indicator, k.value)
            from (values {string.Join(", ", pending.Select(p => $"({p.Split('|')[0]}, '{p.Split('|')[1]}')"))}) a(employee_id, indicator)
            left join kpisync.kpi_values k on k.period = '2026-09' and k.employee_id = a.employee_id and k.indicator = a.indicator
            order by 1
            """));
        Assert.Equal(2L, await h.ScalarAsync<long>("select count(*) from kpisync.audit_log where action in ('period.close', 'period.reopen')"));
    }

    private static async Task<List<string>> RowsAsync(CycleHarness h, string sql)
    {
        await using var conn = new NpgsqlConnection(h.ConnectionString);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await r.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(r.GetString(0));
        }

        return rows;
    }
}
