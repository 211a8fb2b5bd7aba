using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorFilterTests
{
    [Fact]
    public async Task Leads_UpdatedAtFrom_ReturnsOnlyLeadsUpdatedAtOrAfterIt()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator);
        var updated = simulator.State.Leads.Select(lead => lead.UpdatedAt.ToUnixTimeSeconds()).Order().ToList();
        var from = updated[updated.Count / 2];

        var items = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/leads?filter[updated_at][from]={from}&order[updated_at]=asc&limit=250", "leads");
        var times = items.Select(item => item.GetProperty("updated_at").GetInt64()).ToList();

        Assert.Equal(updated.Count(time => time >= from), items.Count);
        Assert.All(times, time => Assert.True(time >= from));
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task Events_TypeFilter_AcceptsArraysAndCreatedAtRange()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator);
        var from = SimulatorHttp.Anchor.AddDays(-7).ToUnixTimeSeconds();

        var items = await SimulatorHttp.GetAllItemsAsync(
            client, $"api/v4/events?filter[type][]=incoming_call&filter[type][]=outgoing_call&filter[created_at][from]={from}&limit=100", "events");

        var expected = simulator.State.Events.Count(item =>
            item.Type is "incoming_call" or "outgoing_call" && item.CreatedAt.ToUnixTimeSeconds() >= from);
        Assert.Equal(expected, items.Count);
        Assert.All(items, item => Assert.Equal(JsonValueKind.String, item.GetProperty("id").ValueKind));
        Assert.All(items, item => Assert.True(item.GetProperty("value_after")[0].GetProperty("note").GetProperty("id").GetInt64() > 0));
    }

    [Fact]
    public async Task Notes_CallDuration_IsAJsonString()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        using var page = await SimulatorHttp.GetJsonAsync(client, "api/v4/leads/notes?filter[note_type][]=call_in&filter[note_type][]=call_out&limit=250");
        var notes = page.RootElement.GetProperty("_embedded").GetProperty("notes").EnumerateArray().ToList();

        Assert.Equal(250, notes.Count);
        Assert.All(notes, note =>
        {
            var parameters = note.GetProperty("params");
            Assert.Equal(JsonValueKind.String, parameters.GetProperty("duration").ValueKind);
            Assert.True(int.TryParse(parameters.GetProperty("duration").GetString(), out _));
            Assert.Equal(note.GetProperty("created_by").GetInt64(), note.GetProperty("responsible_user_id").GetInt64());
        });
        Assert.Contains(notes, note => note.GetProperty("params").TryGetProperty("call_status", out var status) && status.GetInt32() == 4);
    }

    [Fact]
    public async Task Tasks_TypeAndCompletionFilters_Apply()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        var items = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/tasks?filter[task_type][]=2&filter[is_completed]=1&limit=250", "tasks");

        Assert.Equal(simulator.State.Tasks.Count(task => task.TaskTypeId == 2 && task.IsCompleted), items.Count);
        Assert.All(items, item => Assert.Equal("leads", item.GetProperty("entity_type").GetString()));
        Assert.All(items, item => Assert.False(string.IsNullOrEmpty(item.GetProperty("result").GetProperty("text").GetString())));
    }

    [Fact]
    public async Task Leads_MalformedLeadId_IsServedWithBrokenFields()
    {
        long malformedId;
        await using (var probe = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 }))
        {
            malformedId = probe.State.Leads[3].Id;
        }

        await using var simulator = await StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, MalformedLeadIds = [malformedId] });
        using var client = SimulatorHttp.CreateClient(simulator);

        using var page = await SimulatorHttp.GetJsonAsync(client, "api/v4/leads?limit=10");
        var leads = page.RootElement.GetProperty("_embedded").GetProperty("leads").EnumerateArray().ToList();
        var broken = leads.Single(lead => lead.GetProperty("id").GetInt64() == malformedId);

        Assert.Equal("not-a-number", broken.GetProperty("price").GetString());
        Assert.Equal("yesterday", broken.GetProperty("created_at").GetString());
        Assert.Equal(JsonValueKind.Number, broken.GetProperty("updated_at").ValueKind);
        Assert.All(leads.Where(lead => lead.GetProperty("id").GetInt64() != malformedId),
            lead => Assert.Equal(JsonValueKind.Number, lead.GetProperty("price").ValueKind));
    }

    private static Task<AmoCrmSimulator> StartAsync(SimulatorOptions options) =>
        AmoCrmSimulator.StartAsync(options, TestContext.Current.CancellationToken);
}
