using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>Under every fault the simulator can throw, a whole cycle ends with exactly the store, and the CRM's KPI list, a clean run produces.</summary>
public sealed class FaultToleranceTests(PostgresServer server)
{
    private static readonly (string Table, string Order)[] Tables =
    [
        ("funnel_events", "source_key"), ("deals", "crm_id"), ("crm_users", "crm_id"), ("stages", "pipeline_id, crm_id"),
        ("kpi_values", "period, employee_id, indicator"),
    ];

    private static async Task<List<string>> DigestAsync(CycleHarness h)
    {
        var digests = new List<string>();
        foreach (var (table, order) in Tables)
        {
            digests.Add(table + ":" + await h.DigestAsync(table, order));
        }

        return digests;
    }

    [Fact]
    public async Task Cycle_EveryFaultKnobOn_EndsIdenticalToACleanRun()
    {
        var tolerant = new Dictionary<string, string?>
        {
            ["Crm:MaxRetries"] = "20", ["Crm:RetryBaseDelay"] = "00:00:00.010", ["Crm:Timeout"] = "00:00:02", ["Publishing:BatchSize"] = "2",
        };
        await using var clean = await CycleHarness.StartAsync(server, "faults_clean", CycleHarness.Options(), tolerant);
        await clean.UseOAuthAsync();
        await clean.RunCycleAsync();

        await using var faulty = await CycleHarness.StartAsync(server, "faults_on", CycleHarness.Options(faults: new SimulatorFaults
        {
            TooManyRequests = 0.1, ServerErrors = 0.1, Slow = 0.05, SlowDelay = TimeSpan.FromSeconds(3), Dropped = 0.05,
            MalformedPages = 0.1, TruncatedBodies = 0.1, NonJsonOk = 0.05, LostWriteResponses = 0.3, RevokeTokenAfter = 20, Seed = 7,
        }), tolerant);
        await faulty.UseOAuthAsync();
        var result = await faulty.RunCycleAsync();

        Assert.True(faulty.Simulator.FaultCount >= 10, $"only {faulty.Simulator.FaultCount} faults were injected");
        Assert.Equal(1, faulty.Simulator.TokenRefreshCount);
        Assert.Equal(await DigestAsync(clean), await DigestAsync(faulty));
        Assert.Equal(0, result!.Sync.Quarantined);
        var catalog = Assert.Single(faulty.Simulator.State.Catalogs);
        Assert.Equal(faulty.Simulator.State.Users.Count, catalog.Elements.Count);
        var list = KpiList(catalog);
        Assert.All(list, element => Assert.Contains("calls=", element, StringComparison.Ordinal));
        Assert.Equal(KpiList(Assert.Single(clean.Simulator.State.Catalogs)), list);
    }

    /// <summary>The KPI list as a rep sees it: each element's name with its fields' values by field code (the key).</summary>
    private static List<string> KpiList(KpiSync.CrmSimulator.SimCatalog catalog)
    {
        var fields = catalog.Fields.ToDictionary(f => f.Id, f => f.Code);
        return [.. catalog.Elements.Select(e => e.Name + ": " + string.Join(", ", e.Values.Select(v => fields[v.Key] + "=" + v.Value).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }
}
