using KpiSync.IntegrationTests.Support;
using KpiSync.Kpis.Indicators;
using KpiSync.Publishing;

namespace KpiSync.IntegrationTests.Publishing;

/// <summary>Publishing:Indicators and Publishing:IncludePay: only the chosen values reach the CRM, and only their fields exist.</summary>
public sealed class PublishedIndicatorsTests(PostgresServer server)
{
    [Fact]
    public async Task Cycle_ChosenIndicatorsAndPay_CreatesAndWritesOnlyTheirFields()
    {
        var settings = new Dictionary<string, string?> { ["Publishing:Indicators"] = "conversion, calls", ["Publishing:IncludePay"] = "true" };
        await using var h = await CycleHarness.StartAsync(server, nameof(Cycle_ChosenIndicatorsAndPay_CreatesAndWritesOnlyTheirFields), settings: settings);

        await h.RunCycleAsync();

        var catalog = Assert.Single(h.Simulator.State.Catalogs, c => c.Name == "KPI");
        Assert.Equal([IndicatorKeys.Calls, IndicatorKeys.Conversion, IndicatorKeys.PayTotal, KpiPublisher.PeriodField, KpiPublisher.AsOfField],
            catalog.Fields.Select(f => f.Code));
        Assert.Equal(h.Simulator.State.Users.Count, catalog.Elements.Count);
        var calls = catalog.Fields.Single(f => f.Code == IndicatorKeys.Calls).Id;
        Assert.All(catalog.Elements, e => Assert.True(e.Values.ContainsKey(calls), e.Name));
        Assert.True(await h.ScalarAsync<long>("select count(distinct indicator) from kpisync.kpi_values") > 2);
    }

    [Fact]
    public async Task Startup_UnknownIndicator_FailsNamingItAndTheCloseMatch()
    {
        var cs = await server.CreateDatabaseAsync("publishing_badkey");

        var r = await KpiSyncProcess.RunAsync(cs, new Dictionary<string, string> { ["Publishing__Indicators"] = "calls, conversoin" }, "connections", "list");

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: connections list: Publishing:Indicators: unknown indicator 'conversoin'. Did you mean 'conversion'?", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.All, StringComparison.Ordinal);
    }
}
