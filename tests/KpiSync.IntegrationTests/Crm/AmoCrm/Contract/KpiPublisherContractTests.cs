using System.Globalization;
using System.Text.Json.Nodes;
using KpiSync.Kpis.Indicators;
using KpiSync.Publishing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static KpiSync.IntegrationTests.Crm.AmoCrm.Contract.WireRequest;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>
/// A KPI push as amoCRM sees it: elements created in batches of at most Publishing:BatchSize (50), each with a
/// request_id, and mapped back by request_id though the answer lists them in reverse; existing elements patched with
/// only the fields that changed, a cleared value sent as <c>"values": null</c>.
/// </summary>
public sealed class KpiPublisherContractTests(AmoContractHost host) : IClassFixture<AmoContractHost>
{
    private const string Period = "2026-10";
    private const int Employees = 60;
    private const long CatalogId = 77;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Pay stays out by default (Publishing:IncludePay), though the store has it.
    private static IReadOnlyList<string> Pushed => [.. KpiPublisher.PublishedKeys.Where(k => k != IndicatorKeys.PayTotal)];

    private static IReadOnlyList<string> Keys => [.. Pushed, KpiPublisher.PeriodField, KpiPublisher.AsOfField];

    // The newest change SeedAsync stores (a call at 14:32:05.7 UTC), to the second, in the connection's Europe/Moscow.
    private const string AsOf = "2026-10-14T17:32:05+03:00";

    // What the elements of the list show as "data as of" (amoCRM reads dates back as Unix seconds).
    private const string ShownAsOf = "1760000000";

    private static long FieldId(string key) => 900 + Keys.ToList().IndexOf(key);

    private static string Name(long employee) => $"Rep {employee:D2}";

    private static string Value(long employee, int indicator) => (employee * 100 + indicator).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Push_CreatesInBatchesMapsByRequestIdAndPatchesOnlyChangedFields()
    {
        var connection = await host.StartTestAsync();
        await SeedAsync(connection.Id);
        var published = Pushed;
        // Employee 1's element holds exactly what is due; 2's has one stale value; 3's holds a value KpiSync now clears.
        string Element(long e, Func<int, string?> value) => $$"""
            {"id":{{8000 + e}},"name":"{{Name(e)}}","custom_fields_values":[{{string.Join(",", Keys.Select((k, i) => (k, v: value(i)))
                .Where(x => x.v is not null).Select(x => $$"""{"field_id":{{FieldId(x.k)}},"values":[{"value":"{{x.v}}"}]}"""))}}]}
            """;
        string Due(long e, int i) => i == published.Count ? Period : i == published.Count + 1 ? ShownAsOf : Value(e, i);
        var elements = string.Join(",", Element(1, i => Due(1, i)), Element(2, i => i == 1 ? "999" : Due(2, i)), Element(3, i => i == 0 ? "5" : Due(3, i)));
        var fields = string.Join(",", Keys.Select(k => $$"""{"id":{{FieldId(k)}},"name":"Field {{k}}","code":"{{k}}","type":"numeric"}"""));
        Get("/api/v4/catalogs", $$$"""{"_page":1,"_embedded":{"catalogs":[{"id":{{{CatalogId}}},"name":"KPI","type":"regular"}]}}""");
        Get($"/api/v4/catalogs/{CatalogId}/custom_fields", $$$"""{"_page":1,"_embedded":{"custom_fields":[{{{fields}}}]}}""");
        Get($"/api/v4/catalogs/{CatalogId}/elements", $$$"""{"_page":1,"_embedded":{"elements":[{{{elements}}}]}}""");
        host.Server.Given(Request.Create().UsingPost().WithPath($"/api/v4/catalogs/{CatalogId}/elements"))
            .RespondWith(Response.Create().WithCallback(r => Answers.Json(CreatedInReverse(r.Body!))));
        host.Server.Given(Request.Create().UsingPatch().WithPath($"/api/v4/catalogs/{CatalogId}/elements"))
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json("""{"_embedded":{"elements":[]}}""")));

        var result = await host.Get<KpiPublisher>().PushAsync(connection, Ct);

        Assert.Equal(new PushResult(Employees - 3, 2, 3), result);
        var posts = host.Requests.Where(r => r.RequestMessage.Method == "POST").ToList();
        Assert.Equal([50, Employees - 3 - 50], posts.Select(p => Body(p)!.AsArray().Count));
        foreach (var post in posts)
        {
            Assert.StartsWith("application/json", Header(post, "Content-Type"), StringComparison.Ordinal);
            var items = Body(post)!.AsArray();
            Assert.Equal(Enumerable.Range(0, items.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), items.Select(i => (string?)i!["request_id"]));
            Assert.All(items, i => Assert.Null(i!["id"]));
            Assert.All(items, i => Assert.Equal(Keys.Count, i!["custom_fields_values"]!.AsArray().Count));
            Assert.All(items, i => Assert.Equal(AsOf, (string?)i!["custom_fields_values"]!.AsArray()
                .Single(v => (long)v!["field_id"]! == FieldId(KpiPublisher.AsOfField))!["values"]![0]!["value"]));
        }

        var patch = Assert.Single(host.Requests, r => r.RequestMessage.Method == "PATCH");
        AssertBody($$"""
            [{"id":8002,"custom_fields_values":[{"field_id":{{FieldId(published[1])}},"values":[{"value":"{{Value(2, 1)}}"}]},
               {"field_id":{{FieldId(KpiPublisher.AsOfField)}},"values":[{"value":"{{AsOf}}"}]}]},
             {"id":8003,"custom_fields_values":[{"field_id":{{FieldId(published[0])}},"values":null},
               {"field_id":{{FieldId(KpiPublisher.AsOfField)}},"values":[{"value":"{{AsOf}}"}]}]}]
            """, patch);
        var wrong = await host.ScalarAsync<long>("select count(*) from kpisync.pushback_state where connection_id = @c and employee_id > 3 and element_id <> 5000 + employee_id",
            ("c", connection.Id));
        Assert.Equal(0, wrong);
        // Employee 1's element needed nothing, so nothing was written or recorded for it.
        Assert.Equal(Employees - 1, await host.ScalarAsync<long>("select count(*) from kpisync.pushback_state where connection_id = @c", ("c", connection.Id)));
    }

    [Fact]
    public async Task Push_NewList_CreatesFieldsNamedInTheUsersLanguageWithTheKeyAsCode()
    {
        var connection = await host.StartTestAsync();
        await SeedAsync(connection.Id);
        Get("/api/v4/catalogs", $$$"""{"_page":1,"_embedded":{"catalogs":[{"id":{{{CatalogId}}},"name":"KPI","type":"regular"}]}}""");
        Get("/api/v4/users", """
            {"_page":1,"_embedded":{"users":[{"id":1,"name":"A","lang":"ru","rights":{"is_active":true}},
              {"id":2,"name":"B","lang":"ru","rights":{"is_active":true}},{"id":3,"name":"C","lang":"en","rights":{"is_active":true}},
              {"id":4,"name":"D","lang":"en","rights":{"is_active":false}},{"id":5,"name":"E","lang":"en","rights":{"is_active":false}}]}}
            """);
        host.Server.Given(Request.Create().UsingGet().WithPath($"/api/v4/catalogs/{CatalogId}/custom_fields"))
            .RespondWith(Response.Create().WithStatusCode(204));
        host.Server.Given(Request.Create().UsingGet().WithPath($"/api/v4/catalogs/{CatalogId}/elements"))
            .RespondWith(Response.Create().WithStatusCode(204));
        host.Server.Given(Request.Create().UsingPost().WithPath($"/api/v4/catalogs/{CatalogId}/custom_fields"))
            .RespondWith(Response.Create().WithCallback(r => Answers.Json(CreatedFields(r.Body!))));
        host.Server.Given(Request.Create().UsingPost().WithPath($"/api/v4/catalogs/{CatalogId}/elements"))
            .RespondWith(Response.Create().WithCallback(r => Answers.Json(CreatedInReverse(r.Body!))));

        await host.Get<KpiPublisher>().PushAsync(connection, Ct);

        var post = Assert.Single(host.Requests, r => r.RequestMessage.Method == "POST" && r.RequestMessage.Path.EndsWith("/custom_fields", StringComparison.Ordinal));
        var items = Body(post)!.AsArray();
        Assert.Equal(Keys, items.Select(i => (string?)i!["code"]));
        Assert.Equal(Enumerable.Range(0, Keys.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), items.Select(i => (string?)i!["request_id"]));
        Assert.Equal(Enumerable.Range(1, Keys.Count).Select(i => 10 * i), items.Select(i => (int)i!["sort"]!));
        var named = items.ToDictionary(i => (string)i!["code"]!, i => ((string)i!["name"]!, (string)i["type"]!));
        Assert.Equal(("Звонки", "numeric"), named["calls"]);
        Assert.Equal(("Встречи", "numeric"), named["meetings"]);
        Assert.Equal(("Конверсия", "numeric"), named["conversion"]);
        Assert.Equal(("Средний чек", "numeric"), named["average_check"]);
        Assert.Equal(("Выиграно сделок", "numeric"), named["deals_won"]);
        Assert.Equal(("Выручка", "numeric"), named["revenue"]);
        Assert.Equal(("KPI-индекс", "numeric"), named["kpi_index"]);
        Assert.DoesNotContain(IndicatorKeys.PayTotal, named.Keys);
        Assert.Equal(("Период", "text"), named[KpiPublisher.PeriodField]);
        Assert.Equal(("Данные на", "date_time"), named[KpiPublisher.AsOfField]);
        Assert.All(named, n => Assert.NotEqual(n.Key, n.Value.Item1));
        // The elements are written to the ids the create answered, by request_id.
        var element = Body(host.Requests.First(r => r.RequestMessage.Method == "POST" && r.RequestMessage.Path.EndsWith("/elements", StringComparison.Ordinal)))!
            .AsArray()[0]!;
        Assert.Equal(Keys.Select(FieldId).Order(), element["custom_fields_values"]!.AsArray().Select(v => (long)v!["field_id"]!).Order());
    }

    /// <summary>amoCRM's create answer for fields: id and request_id, in reverse; the field coded k gets <see cref="FieldId"/>(k).</summary>
    private static string CreatedFields(string requestBody)
    {
        var items = JsonNode.Parse(requestBody)!.AsArray()
            .Select(i => $$"""{"id":{{FieldId((string)i!["code"]!)}},"request_id":"{{(string)i["request_id"]!}}"}""")
            .Reverse();
        return $$$"""{"_embedded":{"custom_fields":[{{{string.Join(",", items)}}}]}}""";
    }

    private void Get(string path, string body) =>
        host.Server.Given(Request.Create().UsingGet().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/hal+json").WithBody(body));

    /// <summary>amoCRM's create answer at its leanest (id and request_id, amocrm-leads-post-response.json), in reverse order:
    /// "Rep NN" gets id 5000 + NN.</summary>
    private static string CreatedInReverse(string requestBody)
    {
        var items = JsonNode.Parse(requestBody)!.AsArray()
            .Select(i => $$"""{"id":{{5000 + int.Parse(((string)i!["name"]!)[4..], CultureInfo.InvariantCulture)}},"request_id":"{{(string)i["request_id"]!}}"}""")
            .Reverse();
        return $$$"""{"_links":{"self":{"href":"x"}},"_embedded":{"elements":[{{{string.Join(",", items)}}}]}}""";
    }

    private async Task SeedAsync(int connectionId)
    {
        var published = KpiPublisher.PublishedKeys;
        var employees = Enumerable.Range(1, Employees).Select(e => (long)e).ToArray();
        await host.ExecuteAsync("insert into kpisync.crm_users (connection_id, crm_id, name) select @c, e, 'Rep ' || lpad(e::text, 2, '0') from unnest(@e) e",
            ("c", connectionId), ("e", employees));
        var rows = employees.SelectMany(e => published.Select((k, i) => (e, k, v: decimal.Parse(Value(e, i), CultureInfo.InvariantCulture)))).ToList();
        await host.ExecuteAsync("""
            insert into kpisync.kpi_values (connection_id, employee_id, period, indicator, value)
            select @c, e, @p, k, v from unnest(@e, @k, @v) as x(e, k, v)
            """, ("c", connectionId), ("p", Period), ("e", rows.Select(r => r.e).ToArray()), ("k", rows.Select(r => r.k).ToArray()),
            ("v", rows.Select(r => r.v).ToArray()));
        await host.ExecuteAsync("update kpisync.kpi_values set value = null where connection_id = @c and employee_id = 3 and indicator = @k",
            ("c", connectionId), ("k", published[0]));
        // The newest change is the call: the meeting's time is when it is due, and the last call lies after "now" (the 20th).
        await host.ExecuteAsync("""
            insert into kpisync.funnel_events (connection_id, source_key, kind, employee_id, occurred_at) values
                (@c, 'note:1', 'call_out', 1, '2026-10-14 14:32:05.7+00'), (@c, 'task:2', 'meeting', 1, '2026-10-19 10:00+00'),
                (@c, 'note:3', 'call_out', 1, '2026-10-25 10:00+00')
            """, ("c", connectionId));
    }
}
