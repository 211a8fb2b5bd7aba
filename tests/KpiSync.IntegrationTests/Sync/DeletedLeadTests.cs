using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Kpis.Indicators;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>A deleted lead stops counting (history stays); a restored one counts again — by event, trash or reconciliation.</summary>
public sealed class DeletedLeadTests(PostgresServer server)
{
    private const string Period = "2026-10";

    private static async Task<(CycleHarness H, ManualTimeProvider CrmClock)> StartAsync(PostgresServer server, string name)
    {
        var clock = new ManualTimeProvider(CycleHarness.Now);
        var h = await CycleHarness.StartAsync(server, name, CycleHarness.Options(clock: clock));
        await h.RunCycleAsync();
        return (h, clock);
    }

    private static async Task<(decimal? Won, decimal? Revenue)> WonAsync(CycleHarness h, long employee)
    {
        var values = await h.Get<KpiValueStore>().GetPeriodAsync((await h.ConnectionAsync()).Id, Period, TestContext.Current.CancellationToken);
        return (values.Single(v => v.EmployeeId == employee && v.Indicator == IndicatorKeys.DealsWon).Value,
                values.Single(v => v.EmployeeId == employee && v.Indicator == IndicatorKeys.Revenue).Value);
    }

    private static SimLead WonThisMonth(CycleHarness h) =>
        h.Simulator.State.Leads.First(l => l.StatusId == 142 && l.ClosedAt is { Month: 10, Year: 2026 } c && c.Day < 19);

    [Theory]
    [InlineData(true, true)]    // a lead_deleted event, and the lead in the trash
    [InlineData(false, true)]   // no event: the trash tells
    [InlineData(false, false)]  // purged without a trace: only the full sync's reconciliation of ids tells
    public async Task Cycle_DeletedThenRestored_LeavesAndReturnsToKpis(bool withEvent, bool keepInTrash)
    {
        var (h, clock) = await StartAsync(server, $"deleted_{withEvent}_{keepInTrash}");
        await using var _ = h;
        var lead = WonThisMonth(h);
        var before = await WonAsync(h, lead.ResponsibleUserId);

        clock.Advance(TimeSpan.FromMinutes(1));
        h.Simulator.DeleteLead(lead.Id, withEvent, keepInTrash);
        if (withEvent || keepInTrash)
        {
            await h.RunCycleAsync();
        }
        else
        {
            await h.Get<KpiSync.Scheduling.ConnectionCycle>().RunAsync(CycleHarness.ConnectionName, KpiSync.Sync.SyncRequest.Everything, true, TestContext.Current.CancellationToken);
        }

        var deleted = await WonAsync(h, lead.ResponsibleUserId);
        Assert.Equal(before.Won - 1, deleted.Won);
        Assert.Equal(before.Revenue - lead.Price, deleted.Revenue);
        Assert.True(await h.ScalarAsync<bool>($"select is_deleted from kpisync.deals where crm_id = {lead.Id}"));
        Assert.True(await h.ScalarAsync<long>($"select count(*) from kpisync.funnel_events where deal_id = {lead.Id}") > 0, "history stays");

        if (!keepInTrash)
        {
            return; // a purged lead cannot be restored
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        h.Simulator.RestoreLead(lead.Id);
        await h.RunCycleAsync();

        Assert.Equal(before, await WonAsync(h, lead.ResponsibleUserId));
        Assert.False(await h.ScalarAsync<bool>($"select is_deleted from kpisync.deals where crm_id = {lead.Id}"));
    }
}
