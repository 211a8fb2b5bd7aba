using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>Lead details beyond the funnel: source, tags, labor, mapped custom fields, and payments from the paid amount.</summary>
public sealed class LeadDetailsTests(PostgresServer server)
{
    [Fact]
    public async Task Cycle_LeadCustomFields_AreMappedByUsualNamesAndPaymentsAddUpToThePaidAmount()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Cycle_LeadCustomFields_AreMappedByUsualNamesAndPaymentsAddUpToThePaidAmount));

        await h.RunCycleAsync();

        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals where segment is not null") > h.Simulator.State.Leads.Count / 2);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals where product is not null") > 0);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals where cost > 0") > 0);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals where payment_due is not null") > 0);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals where labor_cost_s is not null") > 0);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals where cardinality(tags) > 0") > 0);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.deals where source_id is not null") > 0);
        Assert.Equal(0L, await h.ScalarAsync<long>("""
            select count(*) from kpisync.deals d
            where coalesce(d.paid_amount, 0) <> coalesce((select sum(amount) from kpisync.funnel_events f
                                                          where f.deal_id = d.crm_id and f.kind = 'payment'), 0)
            """));
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.funnel_events where kind = 'payment'") > 0);
    }

    [Fact]
    public async Task Cycle_IncrementalAfterLiveChanges_EqualsAFreshFullSync()
    {
        var clock = new CrmSimulator.ManualTimeProvider(CycleHarness.Now);
        await using var incremental = await CycleHarness.StartAsync(server, "live_incremental", CycleHarness.Options(clock: clock));
        await incremental.RunCycleAsync();
        var changes = 0;
        for (var i = 0; i < 30; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            changes += incremental.Simulator.LiveStep();
        }

        var second = await incremental.RunCycleAsync();
        await using var fresh = await CycleHarness.AttachAsync(server, "live_fresh", incremental.Simulator);
        await fresh.RunCycleAsync();

        Assert.True(changes > 30 && second!.Sync.Changed > 0, $"{changes} live changes, {second!.Sync.Changed} rows changed");
        foreach (var (table, order) in new[] { ("funnel_events", "source_key"), ("deals", "crm_id"), ("kpi_values", "period, employee_id, indicator") })
        {
            Assert.Equal(await fresh.DigestAsync(table, order), await incremental.DigestAsync(table, order));
        }
    }
}
