using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorDeterminismTests
{
    [Fact]
    public async Task StartAsync_SameOptionsTwice_ServesIdenticalJson()
    {
        var options = new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 };

        var first = await DumpAsync(options);
        var second = await DumpAsync(options);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task StartAsync_DifferentSeed_ServesDifferentData()
    {
        var first = await DumpAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        var second = await DumpAsync(new SimulatorOptions { Seed = 7, Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });

        Assert.NotEqual(first["users"], second["users"]);
        Assert.NotEqual(first["leads"], second["leads"]);
        Assert.NotEqual(first["events"], second["events"]);
    }

    [Fact]
    public async Task StartAsync_DefaultOptions_GeneratesDataInsideTheWindow()
    {
        await using var simulator = await AmoCrmSimulator.StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor }, TestContext.Current.CancellationToken);
        var state = simulator.State;
        var start = SimulatorHttp.Anchor.AddMonths(-3);

        Assert.Equal(12, state.Users.Count);
        Assert.InRange(state.Leads.Count, 12 * 3 * 25 * 9 / 10, 12 * 3 * 40 * 11 / 10);
        Assert.All(state.Leads, lead =>
        {
            Assert.InRange(lead.CreatedAt, start, SimulatorHttp.Anchor);
            Assert.InRange(lead.UpdatedAt, lead.CreatedAt, SimulatorHttp.Anchor);
            Assert.Equal(lead.StatusId is 142 or 143, lead.ClosedAt is not null);
        });
        Assert.All(state.Events, item => Assert.InRange(item.CreatedAt, start, SimulatorHttp.Anchor));
        Assert.All(state.Notes, note => Assert.InRange(note.CreatedAt, start, SimulatorHttp.Anchor));
        Assert.All(state.Tasks, task => Assert.InRange(task.UpdatedAt, task.CreatedAt, SimulatorHttp.Anchor));
        Assert.Contains(state.Leads, lead => lead.StatusId == 142);
        Assert.Contains(state.Leads, lead => lead.StatusId == 143);
        Assert.Contains(state.Leads, lead => lead.ClosedAt is null);
        Assert.Contains(state.Events, item => item.Type == "entity_responsible_changed");
        Assert.Equal(state.Notes.Count, state.Events.Count(item => item.Type is "incoming_call" or "outgoing_call"));
    }

    /// <summary>Users, all lead pages and all event pages, with the instance's port masked out of hrefs.</summary>
    private static async Task<Dictionary<string, string>> DumpAsync(SimulatorOptions options)
    {
        await using var simulator = await AmoCrmSimulator.StartAsync(options, TestContext.Current.CancellationToken);
        using var client = SimulatorHttp.CreateClient(simulator);
        var dump = new Dictionary<string, string>(StringComparer.Ordinal);
        (string Name, string Url)[] lists =
            [("users", "api/v4/users?limit=250"), ("leads", "api/v4/leads?limit=250"), ("events", "api/v4/events?limit=100")];
        foreach (var (name, url) in lists)
        {
            var pages = await SimulatorHttp.GetAllPagesAsync(client, url);
            dump[name] = string.Join('\n', pages).Replace(simulator.BaseUrl.AbsoluteUri, "http://sim/", StringComparison.Ordinal);
        }

        return dump;
    }
}
