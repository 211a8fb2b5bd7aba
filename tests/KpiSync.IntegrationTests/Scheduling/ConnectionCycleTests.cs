using System.Globalization;
using KpiSync.Kpis.Indicators;
using KpiSync.Publishing;
using KpiSync.Storage;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Scheduling;

/// <summary>The whole path over loopback on a real PostgreSQL: simulator → funnel store → KPIs → simulator's KPI catalog.</summary>
public sealed class ConnectionCycleTests(PostgresServer server)
{
    private const string Period = "2026-10";

    [Fact]
    public async Task RunAsync_FreshConnection_CrmCatalogHoldsExactlyTheStoredValues()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(RunAsync_FreshConnection_CrmCatalogHoldsExactlyTheStoredValues));

        var result = await h.RunCycleAsync();

        Assert.NotNull(result);
        Assert.Equal(0, result.Sync.Quarantined);
        var stored = (await h.Get<KpiValueStore>().GetPeriodAsync(result.Connection.Id, Period, TestContext.Current.CancellationToken))
            .Where(v => KpiPublisher.PublishedKeys.Contains(v.Indicator)).ToList();
        var catalog = Assert.Single(h.Simulator.State.Catalogs, c => c.Name == "KPI");
        var fieldIds = catalog.Fields.ToDictionary(f => f.Code!, f => f.Id);
        Assert.Equal(h.Simulator.State.Users.Count, catalog.Elements.Count);
        foreach (var employee in stored.GroupBy(v => v.Employee))
        {
            var element = Assert.Single(catalog.Elements, e => e.Name == employee.Key);
            Assert.Equal(Period, element.Values[fieldIds[KpiPublisher.PeriodField]]);
            foreach (var value in employee)
            {
                var pushed = element.Values.GetValueOrDefault(fieldIds[value.Indicator]);
                Assert.True(value.Value is null ? pushed is null : decimal.Parse(pushed!, CultureInfo.InvariantCulture) == value.Value,
                    $"{employee.Key} {value.Indicator}: stored {value.Value}, CRM has {pushed ?? "nothing"}");
            }
        }

        Assert.Equal(IndicatorKeys.All.Count * h.Simulator.State.Users.Count, stored.Count);   // no scheme assigned: no index or pay
        Assert.All(h.Simulator.State.Writes, w => Assert.True(w.EntityCount <= 50, $"{w.Method} {w.Path} sent {w.EntityCount} entities"));
    }

    [Fact]
    public async Task RunAsync_Twice_SecondRunChangesAndPushesNothing()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(RunAsync_Twice_SecondRunChangesAndPushesNothing));
        await h.RunCycleAsync();
        var tables = new[] { ("funnel_events", "source_key"), ("deals", "crm_id"), ("kpi_values", "period, employee_id, indicator"),
            ("crm_users", "crm_id"), ("stages", "pipeline_id, crm_id"), ("pushback_state", "employee_id") };
        var before = new List<string>();
        foreach (var (table, order) in tables)
        {
            before.Add(await h.DigestAsync(table, order));
        }

        var writes = h.Simulator.State.Writes.Count;

        var second = await h.RunCycleAsync();

        Assert.NotNull(second);
        Assert.Equal(0, second.Sync.Changed);
        Assert.Equal(0, second.KpiValuesChanged);
        Assert.Equal(PushResult.Nothing, second.Push);
        Assert.Equal(writes, h.Simulator.State.Writes.Count);
        for (var i = 0; i < tables.Length; i++)
        {
            Assert.Equal(before[i], await h.DigestAsync(tables[i].Item1, tables[i].Item2));
        }

        Assert.Equal(2L, await h.ScalarAsync<long>("select count(*) from kpisync.sync_runs where status = 'succeeded'"));
    }

    [Fact]
    public async Task RunAsync_KpisMatchTheSimulatorsGroundTruth()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(RunAsync_KpisMatchTheSimulatorsGroundTruth));
        var result = await h.RunCycleAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        var inPeriod = (DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture) == Period;
        var stored = (await h.Get<KpiValueStore>().GetPeriodAsync(result!.Connection.Id, Period, TestContext.Current.CancellationToken))
            .ToDictionary(v => (v.EmployeeId, v.Indicator), v => v.Value);

        foreach (var user in h.Simulator.State.Users)
        {
            var calls = h.Simulator.State.Notes.Count(n => n.ResponsibleUserId == user.Id && inPeriod(n.CreatedAt)
                && (n.CallStatus == 4 || (n.CallStatus is null && n.DurationSeconds > 0)));
            var leads = h.Simulator.State.Leads.Where(l => l.ResponsibleUserId == user.Id && l.ClosedAt is { } c && inPeriod(c)).ToList();
            var won = leads.Where(l => l.StatusId == 142).ToList();
            Assert.Equal(calls, stored[(user.Id, IndicatorKeys.Calls)]);
            Assert.Equal(won.Count, stored[(user.Id, IndicatorKeys.DealsWon)]);
            Assert.Equal(leads.Count(l => l.StatusId == 143), stored[(user.Id, IndicatorKeys.DealsLost)]);
            Assert.Equal(won.Sum(l => (decimal)l.Price), stored[(user.Id, IndicatorKeys.Revenue)]);
        }
    }
}
