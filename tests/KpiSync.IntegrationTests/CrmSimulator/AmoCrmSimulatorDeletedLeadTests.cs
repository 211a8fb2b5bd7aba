using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorDeletedLeadTests
{
    [Fact]
    public async Task DeleteLead_GoneFromLeads_InTrashWithNullFields_WithEvent()
    {
        var now = SimulatorHttp.Anchor.AddDays(3);
        await using var simulator = await StartAsync(new ManualTimeProvider(now));
        using var client = SimulatorHttp.CreateClient(simulator);
        var lead = simulator.State.Leads[5];
        using var empty = await client.GetAsync(new Uri("api/v4/leads?with=only_deleted", UriKind.Relative), TestContext.Current.CancellationToken);

        simulator.DeleteLead(lead.Id);
        var active = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/leads?limit=250", "leads");
        var trash = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/leads?with=only_deleted&filter[updated_at][from]={now.ToUnixTimeSeconds()}", "leads");
        var events = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/events?filter[type]=lead_deleted&limit=100", "events");

        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.DoesNotContain(active, item => item.GetProperty("id").GetInt64() == lead.Id);
        Assert.DoesNotContain(simulator.State.Leads, item => item.Id == lead.Id);
        Assert.Equal([lead.Id], simulator.State.DeletedLeadIds);
        var deleted = Assert.Single(trash);
        Assert.Equal(lead.Id, deleted.GetProperty("id").GetInt64());
        Assert.True(deleted.GetProperty("is_deleted").GetBoolean());
        Assert.Equal(now.ToUnixTimeSeconds(), deleted.GetProperty("updated_at").GetInt64());
        Assert.Equal(lead.ResponsibleUserId, deleted.GetProperty("updated_by").GetInt64());
        Assert.Equal(31000001, deleted.GetProperty("account_id").GetInt64());
        foreach (var name in (string[])["name", "price", "status_id", "pipeline_id", "responsible_user_id", "created_at", "custom_fields_values"])
        {
            Assert.Equal(JsonValueKind.Null, deleted.GetProperty(name).ValueKind);
        }

        var item = Assert.Single(events);
        Assert.Equal(lead.Id, item.GetProperty("entity_id").GetInt64());
        Assert.Equal(lead.ResponsibleUserId, item.GetProperty("created_by").GetInt64());
        Assert.Equal(now.ToUnixTimeSeconds(), item.GetProperty("created_at").GetInt64());
        Assert.Equal(0, item.GetProperty("value_after").GetArrayLength());
        Assert.Equal(0, item.GetProperty("value_before").GetArrayLength());
    }

    [Fact]
    public async Task DeleteLead_PurgedWithoutEvent_NeitherInTrashNorInEvents()
    {
        await using var simulator = await StartAsync(new ManualTimeProvider(SimulatorHttp.Anchor.AddDays(1)));
        using var client = SimulatorHttp.CreateClient(simulator);
        var id = simulator.State.Leads[0].Id;
        var events = simulator.State.Events.Count;

        simulator.DeleteLead(id, withEvent: false, keepInTrash: false);
        using var trash = await client.GetAsync(new Uri("api/v4/leads?with=only_deleted", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, trash.StatusCode);
        Assert.Equal(events, simulator.State.Events.Count);
        Assert.Contains(id, simulator.State.DeletedLeadIds);
        Assert.Throws<ArgumentException>(() => simulator.RestoreLead(id));
        Assert.Throws<ArgumentException>(() => simulator.DeleteLead(id));
    }

    [Fact]
    public async Task RestoreLead_BackInLeadsWithNewUpdatedAtAndEvent()
    {
        var clock = new ManualTimeProvider(SimulatorHttp.Anchor.AddDays(1));
        await using var simulator = await StartAsync(clock);
        using var client = SimulatorHttp.CreateClient(simulator);
        var lead = simulator.State.Leads[7];
        simulator.DeleteLead(lead.Id);
        clock.Advance(TimeSpan.FromHours(2));

        simulator.RestoreLead(lead.Id);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        using var changed = await SimulatorHttp.GetJsonAsync(client, $"api/v4/leads?filter[updated_at][from]={now}");
        using var trash = await client.GetAsync(new Uri("api/v4/leads?with=only_deleted", UriKind.Relative), TestContext.Current.CancellationToken);
        var events = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/events?filter[type][]=lead_deleted&filter[type][]=lead_restored", "events");

        var restored = Assert.Single(changed.RootElement.GetProperty("_embedded").GetProperty("leads").EnumerateArray());
        Assert.Equal(lead.Id, restored.GetProperty("id").GetInt64());
        Assert.False(restored.GetProperty("is_deleted").GetBoolean());
        Assert.Equal(lead.Name, restored.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, trash.StatusCode);
        Assert.Empty(simulator.State.DeletedLeadIds);
        Assert.Equal(simulator.State.Leads.Select(item => item.Id).Order(), simulator.State.Leads.Select(item => item.Id));
        Assert.Equal(["lead_restored", "lead_deleted"], events.Select(item => item.GetProperty("type").GetString()));
    }

    private static Task<AmoCrmSimulator> StartAsync(TimeProvider clock) =>
        AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, TimeProvider = clock }, TestContext.Current.CancellationToken);
}
