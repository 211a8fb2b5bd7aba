using KpiSync.Crm.AmoCrm;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static KpiSync.IntegrationTests.Crm.AmoCrm.Contract.WireRequest;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>
/// The exact GET KpiSync sends for every amoCRM list and object it reads (shared/crm/README.md §3–4): method, path,
/// bracketed filter keys percent-encoded, arrays as repeated <c>key[]=</c>, unset filters left out, and the bearer token.
/// </summary>
public sealed class AmoCrmReadRequestTests(AmoContractHost host) : IClassFixture<AmoContractHost>
{
    private const long From = 1_700_000_000;
    private const long To = 1_700_003_600;
    private const string F = "1700000000";
    private const string T = "1700003600";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, (Func<AmoCrmClient, Task> Call, string Path, string[] Query)> Cases = new()
    {
        ["account"] = (c => c.GetAccountAsync(Ct), "/api/v4/account", ["with=is_api_filter_enabled,datetime_settings,invoices_settings"]),
        ["users"] = (c => c.GetUsersAsync(2, Ct), "/api/v4/users", ["limit=250", "page=2"]),
        ["pipelines"] = (c => c.GetPipelinesAsync(Ct), "/api/v4/leads/pipelines", []),
        ["lead fields"] = (c => c.GetLeadFieldsAsync(1, Ct), "/api/v4/leads/custom_fields", ["limit=250", "page=1"]),
        ["leads incremental"] = (c => c.GetLeadsAsync(From, To, 3, Ct), "/api/v4/leads",
            ["filter[updated_at][from]=" + F, "filter[updated_at][to]=" + T, "limit=250", "order[updated_at]=asc", "page=3", "with=source_id,catalog_elements"]),
        ["leads open-ended"] = (c => c.GetLeadsAsync(From, null, 1, Ct), "/api/v4/leads",
            ["filter[updated_at][from]=" + F, "limit=250", "order[updated_at]=asc", "page=1", "with=source_id,catalog_elements"]),
        ["leads newest first"] = (c => c.GetLeadsNewestFirstAsync(2, Ct), "/api/v4/leads",
            ["limit=250", "order[updated_at]=desc", "page=2", "with=source_id,catalog_elements"]),
        ["leads trash"] = (c => c.GetDeletedLeadsAsync(From, To, 1, Ct), "/api/v4/leads",
            ["filter[updated_at][from]=" + F, "filter[updated_at][to]=" + T, "limit=250", "order[updated_at]=asc", "page=1", "with=only_deleted"]),
        ["lead ids"] = (c => c.GetLeadIdsAsync(4, Ct), "/api/v4/leads", ["limit=250", "order[id]=asc", "page=4"]),
        ["existing lead ids"] = (c => c.GetExistingLeadIdsAsync([11, 12, 13], Ct), "/api/v4/leads",
            ["filter[id][]=11", "filter[id][]=12", "filter[id][]=13", "limit=250"]),
        ["leads by id"] = (c => c.GetLeadsByIdAsync(["11", "12"], Ct), "/api/v4/leads",
            ["filter[id][]=11", "filter[id][]=12", "limit=250", "with=source_id,catalog_elements"]),
        ["trash by id"] = (c => c.GetDeletedLeadsByIdAsync(["11"], Ct), "/api/v4/leads", ["filter[id][]=11", "limit=250", "with=only_deleted"]),
        ["events"] = (c => c.GetLeadEventsAsync(From, To, 2, Ct), "/api/v4/events",
            ["filter[created_at][from]=" + F, "filter[created_at][to]=" + T, "filter[entity]=lead", "filter[type][]=entity_responsible_changed",
                "filter[type][]=lead_deleted", "filter[type][]=lead_restored", "filter[type][]=lead_status_changed", "limit=100", "order[created_at]=asc", "page=2"]),
        ["events by id"] = (c => c.GetEventsByIdAsync(["01pz58t6p04ymgsgfbmfyfy1mf", "01b"], Ct), "/api/v4/events",
            ["filter[id][]=01b", "filter[id][]=01pz58t6p04ymgsgfbmfyfy1mf", "limit=100"]),
        ["call notes"] = (c => c.GetCallNotesAsync(From, To, 1, Ct), "/api/v4/leads/notes",
            ["filter[note_type][]=call_in", "filter[note_type][]=call_out", "filter[updated_at][from]=" + F, "filter[updated_at][to]=" + T,
                "limit=250", "order[updated_at]=asc", "page=1"]),
        ["notes by id"] = (c => c.GetNotesByIdAsync(["5", "6"], Ct), "/api/v4/leads/notes", ["filter[id][]=5", "filter[id][]=6", "limit=250"]),
        ["tasks window"] = (c => c.GetTasksAsync(From, To, 2, Ct), "/api/v4/tasks",
            ["filter[updated_at][from]=" + F, "filter[updated_at][to]=" + T, "limit=250", "order[id]=asc", "page=2"]),
        ["tasks by id"] = (c => c.GetTasksByIdAsync(["7087"], Ct), "/api/v4/tasks", ["filter[id][]=7087", "limit=250"]),
        ["catalogs"] = (c => c.GetCatalogsAsync(1, Ct), "/api/v4/catalogs", ["limit=250", "page=1"]),
        ["catalog fields"] = (c => c.GetCatalogFieldsAsync(77, 2, Ct), "/api/v4/catalogs/77/custom_fields", ["limit=250", "page=2"]),
        ["catalog elements"] = (c => c.GetCatalogElementsAsync(77, 1, Ct), "/api/v4/catalogs/77/elements", ["limit=250", "page=1"]),
    };

    public static TheoryData<string> Endpoints() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Get_SendsDocumentedPathQueryAndBearerToken(string endpoint)
    {
        var connection = await host.StartTestAsync();
        var (call, path, query) = Cases[endpoint];
        host.Server.Given(Request.Create().UsingGet().WithPath("/api/v4/account"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/hal+json").WithBody(AmoContractHost.Fixture("amocrm-account.json")));
        host.Server.Given(Request.Create().UsingGet().WithPath(p => p != "/api/v4/account")).RespondWith(Response.Create().WithStatusCode(204));

        await call(host.Client(connection));

        var request = host.OnlyRequest();

        Assert.Equal("GET", request.RequestMessage.Method);
        Assert.Equal(path, request.RequestMessage.Path);
        Assert.Equal(Sorted(query), Query(request));
        Assert.Equal("Bearer " + AmoContractHost.Token, Header(request, "Authorization"));
    }

    [Fact]
    public async Task Get_BracketedKeys_AreSentPercentEncoded()
    {
        var connection = await host.StartTestAsync();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(204));

        await host.Client(connection).GetLeadsByIdAsync(["11", "12"], Ct);
        await host.Client(connection).GetLeadsAsync(From, To, 1, Ct);

        var raw = host.Requests.Select(RawQuery).ToList();
        Assert.Contains("filter%5Bid%5D%5B%5D=11&filter%5Bid%5D%5B%5D=12", raw[0], StringComparison.Ordinal);
        Assert.Contains("filter%5Bupdated_at%5D%5Bfrom%5D=" + F, raw[1], StringComparison.Ordinal);
        Assert.All(raw, q => Assert.DoesNotContain("[", q, StringComparison.Ordinal));
    }
}
