using System.Net;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorPagingTests
{
    [Fact]
    public async Task Leads_Limit250_WalksAllPagesAndEndsWithNoContent()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);

        var pages = await SimulatorHttp.GetAllPagesAsync(client, "api/v4/leads?limit=250");
        var items = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/leads?limit=250", "leads");
        using var after = await client.GetAsync(new Uri($"api/v4/leads?limit=250&page={pages.Count + 1}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(pages.Count > 1);
        Assert.Equal(simulator.State.Leads.Select(lead => lead.Id), items.Select(item => item.GetProperty("id").GetInt64()));
        Assert.DoesNotContain("\"next\"", pages[^1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
        Assert.Empty(await after.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Leads_LinksCarryTheQueryAndTheBaseUrl()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);

        using var page = await SimulatorHttp.GetJsonAsync(client, "api/v4/leads?order[id]=desc&limit=10&page=2");
        var links = page.RootElement.GetProperty("_links");
        var next = new Uri(links.GetProperty("next").GetProperty("href").GetString()!);

        Assert.Equal(2, page.RootElement.GetProperty("_page").GetInt32());
        Assert.StartsWith(simulator.BaseUrl.AbsoluteUri + "api/v4/leads?", next.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("page=3", next.Query, StringComparison.Ordinal);
        Assert.Contains("limit=10", next.Query, StringComparison.Ordinal);
        Assert.Contains("order%5Bid%5D=desc", next.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/v4/leads?limit=400", "leads", 50)]
    [InlineData("api/v4/leads?limit=250", "leads", 250)]
    [InlineData("api/v4/events?limit=250", "events", 50)]
    [InlineData("api/v4/events?limit=100", "events", 100)]
    [InlineData("api/v4/events", "events", 50)]
    [InlineData("api/v4/leads/notes?limit=250", "notes", 250)]
    [InlineData("api/v4/tasks?limit=251", "tasks", 50)]
    public async Task List_Limit_IsCappedLikeAmoCrm(string url, string entities, int expected)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);

        using var page = await SimulatorHttp.GetJsonAsync(client, url);

        Assert.Equal(expected, page.RootElement.GetProperty("_embedded").GetProperty(entities).GetArrayLength());
    }

    [Fact]
    public async Task Events_DefaultOrder_IsNewestFirst()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);

        using var page = await SimulatorHttp.GetJsonAsync(client, "api/v4/events?limit=100");
        var times = page.RootElement.GetProperty("_embedded").GetProperty("events").EnumerateArray()
            .Select(item => item.GetProperty("created_at").GetInt64()).ToList();

        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(simulator.State.Events.Max(item => item.CreatedAt).ToUnixTimeSeconds(), times[0]);
    }

    private static Task<AmoCrmSimulator> StartAsync() =>
        AmoCrmSimulator.StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 }, TestContext.Current.CancellationToken);
}
