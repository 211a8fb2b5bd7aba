using KpiSync.IntegrationTests.Recompute;
using KpiSync.IntegrationTests.Support;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Recompute;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.IntegrationTests.Storage;

/// <summary>
/// A deal's running month lives in <c>kpi_deal_running</c> (0021), not among its earlier parts: an explanation of a
/// running-month value must find the cell's deals there, or it replays too few of them.
/// </summary>
public sealed class KpiDealRunningTests(PostgresServer server)
{
    [Fact]
    public async Task Explain_RunningMonthValue_ReplaysTheDealsOfItsRunningRows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "running_explain");
        var connection = await h.ConnectionAsync();
        var recomputer = h.Get<KpiRecomputer>();
        await FactStreamBuilder.SeedReferenceAsync(h.Get<ReferenceDataStore>(), connection.Id, ct);
        var stream = new FactStreamBuilder(9);
        for (var i = 0; i < 12; i++)
        {
            await stream.WriteBatchAsync(h.Get<NpgsqlDataSource>(), connection.Id, ct);
        }

        await recomputer.RecomputeAsync(connection, full: true, ct);
        for (var i = 0; i < 4; i++)
        {
            await stream.WriteBatchAsync(h.Get<NpgsqlDataSource>(), connection.Id, ct);
        }

        await recomputer.RecomputeAsync(connection, full: false, ct);

        var running = MonthPeriod.Containing(CycleHarness.Now, connection.ResolveTimeZone());
        Assert.Equal(0L, await h.ScalarAsync<long>($"select count(*) from kpisync.kpi_deal_parts where period = '{running}'"));
        Assert.True(await h.ScalarAsync<long>($"select count(*) from kpisync.kpi_deal_running where period = '{running}'") > 0);
        var explained = 0;
        foreach (var employee in FactStreamBuilder.Employees)
        {
            var stored = await h.ScalarAsync<decimal?>($"""
                select value from kpisync.kpi_values where period = '{running}' and employee_id = {employee} and indicator = '{IndicatorKeys.DealsInWork}'
                """);
            if (stored is not > 0)
            {
                continue;
            }

            var explanation = await h.Get<KpiExplainer>().ExplainAsync(connection, employee, running, IndicatorKeys.DealsInWork, ct);
            Assert.Equal((int)stored.Value, explanation!.Records.Count);
            explained++;
        }

        Assert.True(explained > 0, "some employee should have deals in work in the running month");
    }
}
