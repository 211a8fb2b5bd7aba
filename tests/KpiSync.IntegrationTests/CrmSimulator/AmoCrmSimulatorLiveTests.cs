using System.Net;
using System.Web;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorLiveTests
{
    [Fact]
    public async Task LiveStep_AddsRecordsAtNow_SeenByAnIncrementalRead()
    {
        var now = SimulatorHttp.Anchor.AddDays(2).AddHours(10);
        await using var simulator = await StartAsync(new ManualTimeProvider(now));
        using var client = SimulatorHttp.CreateClient(simulator);
        var (notes, events, tasks) = (simulator.State.Notes.Count, simulator.State.Events.Count, simulator.State.Tasks.Count);
        var maxLeadId = simulator.State.Leads.Max(lead => lead.Id);

        var changed = Enumerable.Range(0, 10).Sum(_ => simulator.LiveStep());
        var since = now.ToUnixTimeSeconds() - 1;
        var newNotes = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/leads/notes?filter[updated_at][from]={since}&limit=250", "notes");
        var newEvents = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/events?filter[created_at][from]={since}&limit=100", "events");
        var newLeads = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/leads?filter[updated_at][from]={since}&limit=250", "leads");
        var newTasks = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/tasks?filter[updated_at][from]={since}&limit=250", "tasks");

        var state = simulator.State;
        var leadChanges = newEvents.Count(item => item.GetProperty("type").GetString() is "lead_status_changed" or "lead_added");
        Assert.Equal(changed, state.Notes.Count - notes + (state.Events.Count - events) + leadChanges + newTasks.Count);
        Assert.Equal(state.Notes.Count - notes, newNotes.Count);
        Assert.InRange(newNotes.Count, 10, 30);
        Assert.Equal(state.Events.Count - events, newEvents.Count);
        Assert.Equal(tasks, state.Tasks.Count);
        Assert.NotEmpty(newLeads);
        Assert.NotEmpty(newTasks);
        Assert.Contains(newLeads, lead => lead.GetProperty("id").GetInt64() > maxLeadId);
        Assert.Contains(newEvents, item => item.GetProperty("type").GetString() == "lead_status_changed");
        Assert.All(newNotes.Concat(newLeads).Concat(newTasks), item => Assert.Equal(now.ToUnixTimeSeconds(), item.GetProperty("updated_at").GetInt64()));
        Assert.All(newEvents, item => Assert.Equal(now.ToUnixTimeSeconds(), item.GetProperty("created_at").GetInt64()));
        Assert.All(newTasks, task => Assert.True(task.GetProperty("is_completed").GetBoolean()));
        Assert.All(newNotes, note => Assert.True(note.GetProperty("id").GetInt64() > state.Notes[notes - 1].Id));
        Assert.Equal(state.Events.Count, state.Events.Select(item => item.Id).Distinct().Count());
    }

    [Fact]
    public async Task LiveStep_SameSeed_SameSteps()
    {
        var clock = new ManualTimeProvider(SimulatorHttp.Anchor.AddDays(1));
        await using var first = await StartAsync(clock);
        await using var second = await StartAsync(clock);

        var counts = (Enumerable.Range(0, 5).Select(_ => first.LiveStep()).ToList(), Enumerable.Range(0, 5).Select(_ => second.LiveStep()).ToList());

        Assert.Equal(counts.Item1, counts.Item2);
        Assert.Equal(first.State.Events, second.State.Events);
        Assert.Equal(first.State.Leads, second.State.Leads);
    }

    [Fact]
    public async Task LiveStep_RacingReaders_AlwaysSeeWholeSteps()
    {
        await using var simulator = await StartAsync(new ManualTimeProvider(SimulatorHttp.Anchor.AddDays(1)));
        using var client = SimulatorHttp.CreateClient(simulator);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            var steps = 0;
            while (!stop.IsCancellationRequested)
            {
                simulator.LiveStep();
                steps++;
            }

            return steps;
        }, TestContext.Current.CancellationToken);

        var readers = Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 15; i++)
            {
                // Every call event is added together with its note, so a consistent view has as many of one as of the other.
                var state = simulator.State;
                var events = state.Events;
                var notes = state.Notes;
                using var page = await SimulatorHttp.GetJsonAsync(client, "api/v4/events?filter[type][]=incoming_call&filter[type][]=outgoing_call&limit=100");
                Assert.Equal(100, page.RootElement.GetProperty("_embedded").GetProperty("events").GetArrayLength());
                Assert.True(events.Count(item => item.Type is "incoming_call" or "outgoing_call") <= simulator.State.Notes.Count);
                Assert.True(notes.Count <= simulator.State.Notes.Count);
            }
        });
        await Task.WhenAll(readers);
        await stop.CancelAsync();
        var steps = await writer;

        Assert.True(steps > 0);
        Assert.Equal(simulator.State.Notes.Count, simulator.State.Events.Count(item => item.Type is "incoming_call" or "outgoing_call"));
    }

    [Fact]
    public async Task Live_RunsStepsInTheBackground()
    {
        await using var simulator = await AmoCrmSimulator.StartAsync(new SimulatorOptions
        {
            Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, Live = true, LiveInterval = TimeSpan.FromMilliseconds(20),
        }, TestContext.Current.CancellationToken);
        var notes = simulator.State.Notes.Count;

        for (var attempt = 0; attempt < 100 && simulator.State.Notes.Count < notes + 5; attempt++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(simulator.State.Notes.Count >= notes + 5);
    }

    [Fact]
    public async Task Webhooks_DeleteLeadAndLiveChanges_PostFormBodiesToTheDestination()
    {
        using var receiver = new WebhookReceiver();
        await using var simulator = await StartAsync(new ManualTimeProvider(SimulatorHttp.Anchor.AddDays(1)));
        using var client = SimulatorHttp.CreateClient(simulator);
        var subscription = $$"""{"destination":"{{receiver.Url}}","settings":["add_lead","status_lead","delete_lead"]}""";

        using var created = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/webhooks", subscription);
        using var listed = await SimulatorHttp.GetJsonAsync(client, "api/v4/webhooks");
        var lead = simulator.State.Leads[3];
        simulator.DeleteLead(lead.Id);
        var deleted = HttpUtility.ParseQueryString(await receiver.WaitForAsync(body => body.Contains("leads%5Bdelete%5D", StringComparison.Ordinal)));
        // Deliveries are fire-and-forget and a step adds a lead only sometimes: step (giving deliveries time to land)
        // until both a status change and an added lead have been delivered.
        bool Delivered(string kind) => receiver.Deliveries.Any(d => d.Body.Contains(kind, StringComparison.Ordinal));
        for (var step = 0; step < 200 && !(Delivered("leads%5Bstatus%5D") && Delivered("leads%5Badd%5D")); step++)
        {
            simulator.LiveStep();
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var status = HttpUtility.ParseQueryString(await receiver.WaitForAsync(body => body.Contains("leads%5Bstatus%5D", StringComparison.Ordinal)));
        var added = HttpUtility.ParseQueryString(await receiver.WaitForAsync(body => body.Contains("leads%5Badd%5D", StringComparison.Ordinal)));
        using var removed = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Delete, "api/v4/webhooks", $$"""{"destination":"{{receiver.Url}}"}""");
        using var none = await client.GetAsync(new Uri("api/v4/webhooks", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(receiver.Url, listed.RootElement.GetProperty("_embedded").GetProperty("webhooks")[0].GetProperty("destination").GetString());
        Assert.Equal(lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), deleted["leads[delete][0][id]"]);
        Assert.Equal("31000001", deleted["account[id]"]);
        Assert.Equal("kpisync-demo", deleted["account[subdomain]"]);
        var movedId = long.Parse(status["leads[status][0][id]"]!, System.Globalization.CultureInfo.InvariantCulture);
        var moved = Assert.Single(simulator.State.Leads, item => item.Id == movedId);
        Assert.Equal(moved.StatusId.ToString(System.Globalization.CultureInfo.InvariantCulture), status["leads[status][0][status_id]"]);
        Assert.NotEqual(status["leads[status][0][status_id]"], status["leads[status][0][old_status_id]"]);
        Assert.Equal("7200001", status["leads[status][0][old_pipeline_id]"]);
        Assert.NotNull(added["leads[add][0][id]"]);
        Assert.All(receiver.Deliveries, delivery =>
        {
            Assert.Equal("application/x-www-form-urlencoded", delivery.ContentType);
            Assert.Equal("amoCRM-Hook-Sender/1.0", delivery.UserAgent);
        });
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        Assert.Empty(simulator.Webhooks);
    }

    private static Task<AmoCrmSimulator> StartAsync(TimeProvider clock) =>
        AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, TimeProvider = clock }, TestContext.Current.CancellationToken);
}
