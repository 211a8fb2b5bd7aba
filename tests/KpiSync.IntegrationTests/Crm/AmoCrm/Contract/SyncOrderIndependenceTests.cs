using System.Globalization;
using KpiSync.IntegrationTests.Support;
using KpiSync.Sync;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>
/// What a sync stores must not depend on how amoCRM happens to page and order what it is allowed to: the same leads,
/// events, call notes and tasks, served under several seeds (page sizes, order of records that tie on the sort key),
/// give identical deals and facts. Tasks come by id with updated_at not following id: amoCRM cannot sort tasks by
/// updated_at, and reading them as if it did lost meetings.
/// </summary>
public sealed class SyncOrderIndependenceTests(AmoContractHost host) : IClassFixture<AmoContractHost>
{
    private const long Responsible = 123123;
    private const long Pipeline = 3177727;
    private static readonly long[] Statuses = [32392156, 32392159, 32392165, 142, 143];
    private static readonly long Base = CycleHarness.Now.AddDays(-30).ToUnixTimeSeconds();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_SameRecordsInAnyAllowedOrder_StoresTheSameRows()
    {
        var digests = new List<(int Seed, string Deals, string Facts)>();
        foreach (var seed in new[] { 1, 2, 3, 5 })
        {
            var connection = await host.StartTestAsync();
            Serve(seed);

            await host.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, Ct);

            Assert.Equal(Leads.Count, await host.ScalarAsync<long>("select count(*) from kpisync.deals where connection_id = @c", ("c", connection.Id)));
            var meetings = await host.ScalarAsync<long>(
                "select count(*) from kpisync.funnel_events where connection_id = @c and source_key like 'task:%' and kind = 'meeting' and outcome = 1",
                ("c", connection.Id));
            Assert.Equal(CompletedMeetings, meetings);
            Assert.Equal(Tasks.Count, await host.ScalarAsync<long>(
                "select count(*) from kpisync.funnel_events where connection_id = @c and source_key like 'task:%'", ("c", connection.Id)));
            Assert.Equal(Events.Count + Notes.Count, await host.ScalarAsync<long>(
                "select count(*) from kpisync.funnel_events where connection_id = @c and (source_key like 'event:%' or source_key like 'note:%')", ("c", connection.Id)));
            Assert.True(host.Requests.Count(r => r.RequestMessage.Path == "/api/v4/tasks") >= 5, "the tasks came in one page: nothing was paged");
            digests.Add((seed, await DigestAsync("deals", "crm_id", connection.Id), await DigestAsync("funnel_events", "source_key", connection.Id)));
        }

        Assert.All(digests, d => Assert.Equal((digests[0].Deals, digests[0].Facts), (d.Deals, d.Facts)));
    }

    /// <summary>
    /// A resync's closed range of tasks can shrink while it is read: a task read on page 1 that changes leaves the range,
    /// and the tasks behind it shift one place towards the front, so the first of page 2 would be passed over. The
    /// window is read again when a task it read has changed since, and every task of the range is stored.
    /// </summary>
    [Fact]
    public async Task Sync_RangedTasksWindow_ATaskChangingMidRead_LosesNoOtherTask()
    {
        var connection = await host.StartTestAsync();
        var tasks = Tasks.ToList();
        var list = new ShuffledAmoList("tasks", tasks, seed: 2, sortsByUpdatedAt: false);
        var (windowReads, moved) = (0, false);
        Serve(2, tasks: request =>
        {
            var query = System.Net.WebUtility.UrlDecode(request.RawQuery ?? "");
            var inWindow = query.Contains("filter[updated_at][to]", StringComparison.Ordinal);
            windowReads += inWindow && query.Contains("page=1&", StringComparison.Ordinal) ? 1 : 0;
            if (inWindow && !moved && query.Contains("page=2&", StringComparison.Ordinal))
            {
                // The first task by id (on page 1, read already) is changed in the CRM now: it leaves the range.
                var first = tasks.MinBy(t => t.Id)!;
                var now = CycleHarness.Now.ToUnixTimeSeconds();
                tasks[tasks.IndexOf(first)] = first with
                {
                    UpdatedAt = now,
                    Json = first.Json.Replace($"\"updated_at\":{S(first.UpdatedAt)}", $"\"updated_at\":{S(now)}", StringComparison.Ordinal),
                };
                moved = true;
            }

            return list.Answer(request);
        });
        var range = new SyncRequest(From: DateTimeOffset.FromUnixTimeSeconds(Base), To: DateTimeOffset.FromUnixTimeSeconds(Base + 10_000),
            Streams: new HashSet<string> { SyncStreams.Tasks.Name });

        await host.Get<ConnectionSynchronizer>().SyncAsync(connection, range, Ct);

        Assert.True(moved, "the tasks came in one page: nothing could shift");
        Assert.Equal(2, windowReads);
        Assert.Equal(Tasks.Count, await host.ScalarAsync<long>(
            "select count(*) from kpisync.funnel_events where connection_id = @c and source_key like 'task:%'", ("c", connection.Id)));
    }

    private void Serve(int seed, Func<WireMock.IRequestMessage, WireMock.ResponseMessage>? tasks = null)
    {
        Static("/api/v4/account", AmoContractHost.Fixture("amocrm-account.json"));
        Static("/api/v4/users", $$$"""{"_page":1,"_links":{"self":{"href":"x"}},"_embedded":{"users":{{{AmoContractHost.Fixture("amocrm-users.json")}}}}}""");
        Static("/api/v4/leads/pipelines", AmoContractHost.Fixture("amocrm-pipelines.json"));
        host.Server.Given(Request.Create().UsingGet().WithPath("/api/v4/leads/custom_fields")).RespondWith(Response.Create().WithStatusCode(204));
        // No invoices list: payments come from the paid-amount field (none here).
        host.Server.Given(Request.Create().UsingGet().WithPath("/api/v4/catalogs")).RespondWith(Response.Create().WithStatusCode(204));
        List("/api/v4/leads", new ShuffledAmoList("leads", Leads, seed));
        List("/api/v4/events", new ShuffledAmoList("events", Events, seed));
        List("/api/v4/leads/notes", new ShuffledAmoList("notes", Notes, seed));
        var taskList = new ShuffledAmoList("tasks", Tasks, seed, sortsByUpdatedAt: false);
        host.Server.Given(Request.Create().UsingGet().WithPath("/api/v4/tasks")).RespondWith(Response.Create().WithCallback(tasks ?? taskList.Answer));
    }

    private void Static(string path, string body) =>
        host.Server.Given(Request.Create().UsingGet().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/hal+json").WithBody(body));

    private void List(string path, ShuffledAmoList list) =>
        host.Server.Given(Request.Create().UsingGet().WithPath(path)).RespondWith(Response.Create().WithCallback(list.Answer));

    private Task<string> DigestAsync(string table, string orderBy, int connectionId) =>
        host.ScalarAsync<string>(
            $"select coalesce(md5(string_agg((to_jsonb(t) - 'connection_id')::text, '|' order by t.{orderBy})), 'empty') from kpisync.{table} t where t.connection_id = @c",
            ("c", connectionId));

    private static string S(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>40 leads whose updated_at takes five values: long runs of ties across page boundaries.</summary>
    private static readonly IReadOnlyList<ListRecord> Leads = [.. Enumerable.Range(0, 40).Select(i =>
    {
        long id = 1000 + i, created = Base + (i * 3600), updated = Base + (86400 * (1 + (i % 5)));
        var status = Statuses[i % Statuses.Length];
        return new ListRecord(id, created, updated, $$"""
            {"id":{{S(id)}},"name":"Deal {{S(id)}}","price":{{S(i * 100)}},"responsible_user_id":{{S(Responsible)}},"group_id":0,"status_id":{{S(status)}},
             "pipeline_id":{{S(Pipeline)}},"loss_reason_id":null,"created_by":0,"updated_by":0,"created_at":{{S(created)}},"updated_at":{{S(updated)}},
             "closed_at":{{(status is 142 or 143 ? S(updated) : "null")}},"closest_task_at":null,"is_deleted":false,"custom_fields_values":null,"score":null,"account_id":1}
            """);
    })];

    private static readonly IReadOnlyList<ListRecord> Events = [.. Enumerable.Range(0, 30).Select(i =>
    {
        var created = Base + 200_000 + (3600 * (i % 6));
        var (before, after) = (Statuses[i % 3], Statuses[(i + 1) % Statuses.Length]);
        // amoCRM event ids are strings; the list's own tie order is the seed's, not the id's.
        return new ListRecord(i, created, created, $$$"""
            {"id":"01ev{{{i:D3}}}","type":"lead_status_changed","entity_id":{{{S(1000 + (i % 40))}}},"entity_type":"lead","created_by":{{{S(Responsible)}}},
             "created_at":{{{S(created)}}},"value_after":[{"lead_status":{"id":{{{S(after)}}},"pipeline_id":{{{S(Pipeline)}}}}}],
             "value_before":[{"lead_status":{"id":{{{S(before)}}},"pipeline_id":{{{S(Pipeline)}}}}}],"account_id":1}
            """);
    })];

    private static readonly IReadOnlyList<ListRecord> Notes = [.. Enumerable.Range(0, 30).Select(i =>
    {
        long id = 5000 + i, created = Base + (i * 60), updated = Base + (7200 * (1 + (i % 4)));
        return new ListRecord(id, created, updated, $$"""
            {"id":{{S(id)}},"entity_id":{{S(1000 + (i % 40))}},"created_by":{{S(Responsible)}},"updated_by":{{S(Responsible)}},"created_at":{{S(created)}},
             "updated_at":{{S(updated)}},"responsible_user_id":{{S(Responsible)}},"group_id":0,"note_type":"{{(i % 2 == 0 ? "call_in" : "call_out")}}",
             "params":{"uniq":"u{{S(id)}}","duration":"{{S(i * 10)}}","source":"test","link":"","phone":"+79990000000","call_status":4},"account_id":1}
            """);
    })];

    /// <summary>Tasks by id, updated_at running against id (and tying): the last ids were updated first.</summary>
    private static readonly IReadOnlyList<ListRecord> Tasks = [.. Enumerable.Range(0, 30).Select(i =>
    {
        long id = 7000 + i, created = Base + (i * 60), updated = Base + (1000 * (1 + ((30 - i) % 7)));
        return new ListRecord(id, created, updated, $$"""
            {"id":{{S(id)}},"created_by":{{S(Responsible)}},"updated_by":{{S(Responsible)}},"created_at":{{S(created)}},"updated_at":{{S(updated)}},
             "responsible_user_id":{{S(Responsible)}},"group_id":0,"entity_id":{{S(1000 + (i % 40))}},"entity_type":"leads","duration":0,
             "is_completed":{{(i % 3 != 0 ? "true" : "false")}},"task_type_id":{{(i % 2 == 0 ? "2" : "1")}},"text":"t","complete_till":{{S(Base + (i * 3600))}},"account_id":1}
            """);
    })];

    private static readonly long CompletedMeetings = Enumerable.Range(0, 30).Count(i => i % 3 != 0 && i % 2 == 0);
}
