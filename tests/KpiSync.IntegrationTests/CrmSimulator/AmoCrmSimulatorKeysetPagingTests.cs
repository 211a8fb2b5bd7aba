using System.Globalization;
using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

/// <summary>
/// A sync client pages keyset-style: each request is page 1 again with a new inclusive bound, the newest (or,
/// descending, the oldest) timestamp of the previous page. The simulator serves those from one cached sorted
/// list per filter set, so these walks must match a single sort of the whole data set.
/// </summary>
public sealed class AmoCrmSimulatorKeysetPagingTests
{
    [Theory]
    [InlineData("events", false)]
    [InlineData("events", true)]
    [InlineData("notes", false)]
    [InlineData("notes", true)]
    [InlineData("leads", false)]
    [InlineData("leads", true)]
    public async Task KeysetWalk_SuccessiveBounds_ReturnsTheSameSequenceAsOneSort(string entities, bool descending)
    {
        await using var simulator = await StartAsync(TimeProvider.System);
        using var client = SimulatorHttp.CreateClient(simulator);

        var walked = await WalkAsync(client, entities, descending, bound: null);

        var expected = Expected(simulator.State, entities);
        Assert.True(expected.Count > 500);
        Assert.Equal(descending ? Enumerable.Reverse(expected) : expected, walked);
    }

    [Fact]
    public async Task KeysetWalk_AfterLiveStep_SeesTheNewRecordsAtTheEnd()
    {
        var now = SimulatorHttp.Anchor.AddDays(1);
        await using var simulator = await StartAsync(new ManualTimeProvider(now));
        using var client = SimulatorHttp.CreateClient(simulator);
        var before = await WalkAsync(client, "events", descending: false, bound: null);

        simulator.LiveStep();
        simulator.DeleteLead(simulator.State.Leads[3].Id);
        var after = await WalkAsync(client, "events", descending: false, bound: now.ToUnixTimeSeconds() - 1);

        var added = Expected(simulator.State, "events").Skip(before.Count).ToList();
        Assert.Equal(Expected(simulator.State, "events").Take(before.Count), before);
        Assert.Contains(added, id => simulator.State.Events.Single(item => item.Id == id).Type == "lead_deleted");
        Assert.Equal(added, after);
    }

    /// <summary>Ids in the order a keyset walk first meets them; records at the bound are served again and skipped.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient client, string entities, bool descending, long? bound)
    {
        var (path, field, limit) = entities switch
        {
            "events" => ("api/v4/events?filter[entity]=lead", "created_at", 100),
            "notes" => ("api/v4/leads/notes?filter[note_type][]=call_in&filter[note_type][]=call_out", "updated_at", 250),
            _ => ("api/v4/leads?with=source_id", "updated_at", 250),
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>();
        var page = 1;
        while (true)
        {
            var range = bound is { } value ? $"&filter[{field}][{(descending ? "to" : "from")}]={value}" : "";
            var url = $"{path}{range}&order[{field}]={(descending ? "desc" : "asc")}&page={page}&limit={limit}";
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return ids;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var items = document.RootElement.GetProperty("_embedded").GetProperty(entities).EnumerateArray().ToList();
            foreach (var item in items)
            {
                var id = item.GetProperty("id");
                var key = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetInt64().ToString(CultureInfo.InvariantCulture);
                if (seen.Add(key))
                {
                    ids.Add(key);
                }
            }

            if (!document.RootElement.GetProperty("_links").TryGetProperty("next", out _))
            {
                return ids;
            }

            var last = items[^1].GetProperty(field).GetInt64();
            // A page all at the bound cannot move it: take the next page of the same bound instead.
            (bound, page) = last == bound ? (bound, page + 1) : (last, 1);
        }
    }

    /// <summary>All matching ids sorted once by (timestamp, id), ascending.</summary>
    private static List<string> Expected(SimulatorState state, string entities) => entities switch
    {
        "events" => [.. state.Events.OrderBy(item => item.CreatedAt).ThenBy(item => item.Id).Select(item => item.Id)],
        "notes" => [.. state.Notes.OrderBy(note => note.CreatedAt).ThenBy(note => note.Id).Select(note => Text(note.Id))],
        _ => [.. state.Leads.OrderBy(lead => lead.UpdatedAt).ThenBy(lead => lead.Id).Select(lead => Text(lead.Id))],
    };

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static Task<AmoCrmSimulator> StartAsync(TimeProvider time) =>
        AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, Months = 2, TimeProvider = time },
            TestContext.Current.CancellationToken);
}
