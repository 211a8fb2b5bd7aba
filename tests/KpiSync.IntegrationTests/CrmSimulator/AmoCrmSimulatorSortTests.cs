using System.Globalization;
using System.Text.Json;
using KpiSync.CrmSimulator;
using KpiSync.CrmSimulator.Generation;

namespace KpiSync.IntegrationTests.CrmSimulator;

/// <summary>
/// Only the sorts amoCRM documents (README §3.1) are honoured; any other <c>order[...]</c> is ignored, as the real
/// API ignores it, so a client relying on an undocumented sort fails here too instead of only in production.
/// </summary>
public sealed class AmoCrmSimulatorSortTests
{
    [Theory]
    [InlineData("asc")]
    [InlineData("desc")]
    public async Task Tasks_OrderUpdatedAt_IsIgnoredAndListsById(string direction)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);

        var items = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/tasks?order[updated_at]={direction}&limit=250", "tasks");
        var updated = items.Select(item => item.GetProperty("updated_at").GetInt64()).ToList();

        Assert.Equal(simulator.State.Tasks.Select(task => task.Id).Order(), items.Select(item => item.GetProperty("id").GetInt64()));
        // Otherwise id order would pass for an honoured updated_at sort.
        Assert.NotEqual(updated.Order(), updated);
        Assert.NotEqual(updated.OrderDescending(), updated);
    }

    [Theory]
    [InlineData("id", "asc")]
    [InlineData("id", "desc")]
    [InlineData("created_at", "asc")]
    [InlineData("created_at", "desc")]
    [InlineData("complete_till", "asc")]
    [InlineData("complete_till", "desc")]
    public async Task Tasks_DocumentedOrder_IsHonoured(string field, string direction)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);

        var ids = await IdsAsync(client, $"api/v4/tasks?order[{field}]={direction}&limit=250", "tasks");

        Func<SimTask, long> key = field switch
        {
            "created_at" => task => task.CreatedAt.ToUnixTimeSeconds(),
            "complete_till" => task => task.CompleteTill.ToUnixTimeSeconds(),
            _ => task => task.Id,
        };
        var expected = direction == "desc"
            ? simulator.State.Tasks.OrderByDescending(key).ThenByDescending(task => task.Id)
            : simulator.State.Tasks.OrderBy(key).ThenBy(task => task.Id);
        Assert.Equal(expected.Select(task => Text(task.Id)), ids);
    }

    [Theory]
    [InlineData("asc")]
    [InlineData("desc")]
    public async Task Tasks_UpdatedAtWindowPagedById_FiltersAndBuildsTheListOnce(string direction)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        var times = simulator.State.Tasks.Select(task => task.UpdatedAt.ToUnixTimeSeconds()).Order().ToList();
        var (from, to) = (times[times.Count / 10], times[times.Count * 9 / 10]);
        var builds = simulator.State.Store.QueryBuilds;

        // The sync client's window read: page numbers over one fixed range, ids in the asked direction.
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var url = $"api/v4/tasks?filter[updated_at][from]={from}&filter[updated_at][to]={to}&order[id]={direction}&page={page}&limit=250";
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
            {
                break;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            ids.AddRange(document.RootElement.GetProperty("_embedded").GetProperty("tasks").EnumerateArray()
                .Select(item => Text(item.GetProperty("id").GetInt64())));
        }

        var inWindow = simulator.State.Tasks.Where(task => task.UpdatedAt.ToUnixTimeSeconds() is var at && at >= from && at <= to).Select(task => task.Id);
        var expected = direction == "desc" ? inWindow.OrderDescending() : inWindow.Order();
        Assert.True(ids.Count > 500, $"only {ids.Count} tasks in the window");
        Assert.Equal(expected.Select(Text), ids);
        Assert.Equal(builds + 1, simulator.State.Store.QueryBuilds);
    }

    [Theory]
    [InlineData("api/v4/tasks?limit=250", "tasks", "order[updated_at]=desc")]
    [InlineData("api/v4/tasks?limit=250", "tasks", "order[responsible_user_id]=desc")]
    [InlineData("api/v4/leads?limit=250", "leads", "order[price]=desc")]
    [InlineData("api/v4/leads?limit=250", "leads", "order[closed_at]=desc")]
    [InlineData("api/v4/leads/notes?limit=250", "notes", "order[created_at]=desc")]
    [InlineData("api/v4/events?limit=100", "events", "order[updated_at]=asc")]
    [InlineData("api/v4/users?limit=250", "users", "order[id]=desc")]
    [InlineData("api/v4/leads/custom_fields?limit=250", "custom_fields", "order[id]=desc")]
    [InlineData("api/v4/catalogs?limit=250", "catalogs", "order[id]=desc")]
    public async Task List_UndocumentedOrder_IsIgnored(string url, string entities, string order)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);

        var plain = await IdsAsync(client, url, entities);
        var ordered = await IdsAsync(client, $"{url}&{order}", entities);

        Assert.NotEmpty(plain);
        Assert.Equal(plain, ordered);
    }

    [Fact]
    public async Task CatalogElements_Order_IsIgnored()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        var url = $"api/v4/catalogs/{InvoiceLayout.CatalogId}/elements?limit=250";

        var plain = await IdsAsync(client, url, "elements");
        var ordered = await IdsAsync(client, $"{url}&order[id]=desc", "elements");

        Assert.True(plain.Count > 1);
        Assert.Equal(plain, ordered);
    }

    [Theory]
    [InlineData("api/v4/leads?limit=250", "leads", "updated_at")]
    [InlineData("api/v4/leads?limit=250", "leads", "created_at")]
    [InlineData("api/v4/leads/notes?limit=250", "notes", "updated_at")]
    [InlineData("api/v4/events?limit=100", "events", "created_at")]
    public async Task List_DocumentedTimestampOrder_IsHonoured(string url, string entities, string field)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);

        var ascending = await ValuesAsync(client, $"{url}&order[{field}]=asc", entities, field);
        var descending = await ValuesAsync(client, $"{url}&order[{field}]=desc", entities, field);

        Assert.Equal(ascending.Order(), ascending);
        Assert.Equal(descending.OrderDescending(), descending);
        Assert.Equal(ascending.Count, descending.Count);
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string url, string entities) =>
        [.. (await SimulatorHttp.GetAllItemsAsync(client, url, entities)).Select(item => item.GetProperty("id") is var id && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : Text(id.GetInt64()))];

    private static async Task<List<long>> ValuesAsync(HttpClient client, string url, string entities, string field) =>
        [.. (await SimulatorHttp.GetAllItemsAsync(client, url, entities)).Select(item => item.GetProperty(field).GetInt64())];

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static Task<AmoCrmSimulator> StartAsync() =>
        AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, Months = 2 }, TestContext.Current.CancellationToken);
}
