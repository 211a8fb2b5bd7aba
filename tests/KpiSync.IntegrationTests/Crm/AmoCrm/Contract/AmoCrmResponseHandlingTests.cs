using System.Net;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static KpiSync.IntegrationTests.Crm.AmoCrm.Contract.WireRequest;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>
/// What KpiSync does with each kind of amoCRM answer, through the production handler chain (auth, account state,
/// retries with Crm:MaxRetries=3 and a 1 s attempt timeout): pages, 204, HTML 429, 401 and refresh, blocked
/// accounts, bodies cut short or not JSON, dropped connections and stalls.
/// </summary>
public sealed class AmoCrmResponseHandlingTests(AmoContractHost host) : IClassFixture<AmoContractHost>
{
    private const string Pipelines = "/api/v4/leads/pipelines";
    private const string Leads = "/api/v4/leads";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IResponseBuilder Json(string fixture, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/hal+json").WithBody(AmoContractHost.Fixture(fixture));

    private static IResponseBuilder Html(int status) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/html")
            .WithBody($"<html><head><title>{status}</title></head><body><center><h1>{status}</h1></center><hr><center>nginx</center></body></html>");

    /// <summary><paramref name="first"/> for the first request to <paramref name="path"/>, then <paramref name="then"/> for good.</summary>
    private void FirstThen(string path, IResponseBuilder first, IResponseBuilder then)
    {
        host.Server.Given(Request.Create().UsingGet().WithPath(path)).InScenario(path).WillSetStateTo("ok").RespondWith(first);
        host.Server.Given(Request.Create().UsingGet().WithPath(path)).InScenario(path).WhenStateIs("ok").WillSetStateTo("ok").RespondWith(then);
    }

    [Fact]
    public async Task Page_FromTheDocs_IsParsedAndItsNextLinkSeen()
    {
        var connection = await host.StartTestAsync();
        host.Server.Given(Request.Create().UsingGet().WithPath(Leads)).RespondWith(Json("amocrm-leads-page.json"));

        var page = await host.Client(connection).GetLeadsAsync(0, null, 1, Ct);

        using var fixture = System.Text.Json.JsonDocument.Parse(AmoContractHost.Fixture("amocrm-leads-page.json"));
        var ids = fixture.RootElement.GetProperty("_embedded").GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("id").GetInt64());
        Assert.True(page.HasNext);
        Assert.Equal(ids, page.Items.Select(l => l.Id));
        Assert.Empty(page.Rejected);
    }

    [Fact]
    public async Task LastPage_WithoutNextLink_EndsTheList()
    {
        var connection = await host.StartTestAsync();
        host.Server.Given(Request.Create().UsingGet().WithPath(Leads)).RespondWith(Json("amocrm-leads-page-real-account.json"));
        // The users fixture is the docs' array of users; the list wraps it, as any amoCRM list, with no next link on its last page.
        host.Server.Given(Request.Create().UsingGet().WithPath("/api/v4/users")).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/hal+json")
            .WithBody($$$"""{"_total_items":2,"_page":1,"_page_count":1,"_links":{"self":{"href":"x"}},"_embedded":{"users":{{{AmoContractHost.Fixture("amocrm-users.json")}}}}}"""));

        var page = await host.Client(connection).GetLeadsAsync(0, null, 1, Ct);
        var users = await KpiSync.Crm.AmoCrm.AmoCrmClient.ReadAllAsync(p => host.Client(connection).GetUsersAsync(p, Ct));

        Assert.False(page.HasNext);
        Assert.NotEmpty(page.Items);
        Assert.NotEmpty(users);
        Assert.Single(host.Requests, r => r.RequestMessage.Path == "/api/v4/users");
    }

    [Fact]
    public async Task NoContent_IsAnEmptyLastPage()
    {
        var connection = await host.StartTestAsync();
        host.Server.Given(Request.Create().UsingGet().WithPath(Leads)).RespondWith(Response.Create().WithStatusCode(204));

        var page = await host.Client(connection).GetLeadsAsync(0, null, 1, Ct);

        Assert.Empty(page.Items);
        Assert.False(page.HasNext);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task Html429_WithoutRetryAfter_IsRetriedAfterADelay()
    {
        var connection = await host.StartTestAsync();
        FirstThen(Pipelines, Html(429), Json("amocrm-pipelines.json"));

        var page = await host.Client(connection).GetPipelinesAsync(Ct);

        Assert.NotEmpty(page.Items);
        var requests = host.Requests;
        Assert.Equal(2, requests.Count);
        // A first 429 waits a quarter to a half of Crm:RetryBaseDelay (50 ms here).
        var waited = requests[1].RequestMessage.DateTime - requests[0].RequestMessage.DateTime;
        Assert.True(waited >= TimeSpan.FromMilliseconds(12), $"the retry came {waited.TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task Html429_EveryTime_EndsAsCrmApiExceptionAfterTheRetries()
    {
        var connection = await host.StartTestAsync();
        host.Server.Given(Request.Create().UsingGet().WithPath(Pipelines)).RespondWith(Html(429));

        var e = await Assert.ThrowsAsync<CrmApiException>(() => host.Client(connection).GetPipelinesAsync(Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal(4, host.Requests.Count);
    }

    [Fact]
    public async Task Unauthorized_RefreshesOnceAndRetriesWithTheNewToken()
    {
        var connection = await host.StartTestAsync(OAuth());
        host.Server.Given(Request.Create().UsingGet().WithPath(Pipelines).WithHeader("Authorization", "Bearer old-access"))
            .RespondWith(Json("amocrm-error-401-unauthorized.json", 401));
        host.Server.Given(Request.Create().UsingGet().WithPath(Pipelines).WithHeader("Authorization", "Bearer ACCESS_TOKEN_VALUE"))
            .RespondWith(Json("amocrm-pipelines.json"));
        host.Server.Given(Request.Create().UsingPost().WithPath("/oauth2/access_token")).RespondWith(Json("amocrm-token.json"));

        var page = await host.Client(connection).GetPipelinesAsync(Ct);

        Assert.NotEmpty(page.Items);
        Assert.Equal(["GET /api/v4/leads/pipelines", "POST /oauth2/access_token", "GET /api/v4/leads/pipelines"],
            host.Requests.Select(r => r.RequestMessage.Method + " " + r.RequestMessage.Path));
        Assert.Equal(["Bearer old-access", null, "Bearer ACCESS_TOKEN_VALUE"], host.Requests.Select(r => Header(r, "Authorization")));
        Assert.Equal("REFRESH_TOKEN_VALUE", (await host.Get<ConnectionStore>().ReadCredentialsAsync(connection.Id, Ct)).RefreshToken);
    }

    [Fact]
    public async Task RefreshRefused_TokenRevoked_MarksNeedsReauthorization()
    {
        var connection = await host.StartTestAsync(OAuth());
        host.Server.Given(Request.Create().UsingGet().WithPath(Pipelines)).RespondWith(Json("amocrm-error-401-unauthorized.json", 401));
        host.Server.Given(Request.Create().UsingPost().WithPath("/oauth2/access_token")).RespondWith(Json("amocrm-error-401-token-revoked.json", 401));

        await Assert.ThrowsAsync<CrmAuthorizationException>(() => host.Client(connection).GetPipelinesAsync(Ct));

        Assert.Equal(ConnectionStatus.NeedsReauthorization, (await host.ReloadAsync(connection)).Status);
        Assert.Single(host.Requests, r => r.RequestMessage.Path == "/oauth2/access_token");
    }

    [Theory]
    [InlineData(403, "HTML 403")]
    [InlineData(402, "402")]
    public async Task BlockedOrUnpaid_MarksBlockedAndSendsNothingMore(int status, string reason)
    {
        var connection = await host.StartTestAsync();
        host.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Html(status));

        var e = await Assert.ThrowsAsync<ConnectionUnavailableException>(() => host.Client(connection).GetAccountAsync(Ct));
        var blocked = await host.ReloadAsync(connection);
        var again = await Assert.ThrowsAsync<ConnectionUnavailableException>(() => host.Get<ConnectionSynchronizer>().SyncAsync(blocked, SyncRequest.Incremental, Ct));

        Assert.Equal(ConnectionStatus.Blocked, e.Status);
        Assert.Equal(ConnectionStatus.Blocked, again.Status);
        var stored = await host.ReloadAsync(connection);
        Assert.Equal(ConnectionStatus.Blocked, stored.Status);
        Assert.Contains(reason, stored.StatusReason, StringComparison.Ordinal);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task MalformedChunk_IsRetried()
    {
        var connection = await host.StartTestAsync();
        FirstThen(Pipelines, Json("amocrm-pipelines.json").WithFault(WireMock.ResponseBuilders.FaultType.MALFORMED_RESPONSE_CHUNK), Json("amocrm-pipelines.json"));

        var page = await host.Client(connection).GetPipelinesAsync(Ct);

        Assert.NotEmpty(page.Items);
        Assert.Equal(2, host.Requests.Count);
    }

    [Theory]
    [InlineData("application/hal+json", """{"_page":1,"_embedded":{"pipelines":[{"id":1,"name":"Во""")]
    [InlineData("text/html", "<html><body>Service temporarily unavailable</body></html>")]
    public async Task Ok_WithABodyThatIsNotWholeJson_IsRetried(string contentType, string body)
    {
        var connection = await host.StartTestAsync();
        FirstThen(Pipelines, Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body), Json("amocrm-pipelines.json"));

        var page = await host.Client(connection).GetPipelinesAsync(Ct);

        Assert.NotEmpty(page.Items);
        Assert.Equal(2, host.Requests.Count);
    }

    [Fact]
    public async Task SlowerThanTheTimeout_IsRetried()
    {
        var connection = await host.StartTestAsync();
        FirstThen(Pipelines, Json("amocrm-pipelines.json").WithDelay(TimeSpan.FromMilliseconds(1200)), Json("amocrm-pipelines.json"));

        var page = await host.Client(connection).GetPipelinesAsync(Ct);

        Assert.NotEmpty(page.Items);
        // WireMock 1.25 moves the scenario on only once the slow answer is sent (#1260), so a second slow one may come first;
        // it logs a request when its answer is sent, so wait that out before the next test resets the log.
        await Task.Delay(TimeSpan.FromMilliseconds(1300), Ct);
        Assert.InRange(host.Requests.Count, 2, 3);
    }

    [Fact]
    public async Task DroppedConnection_EveryTime_EndsAsCrmApiExceptionAfterTheRetries()
    {
        await host.StartTestAsync();
        await using var cutOff = new CutOffHttpServer();
        var ct = Ct;
        var name = "cutoff" + Guid.NewGuid().ToString("N")[..8];
        await host.Get<ConnectionStore>().AddAsync(name, CrmKinds.AmoCrm, cutOff.BaseUrl, "Europe/Moscow", CrmCredentials.FromLongLivedToken("t"), ct);
        var connection = (await host.Get<ConnectionStore>().FindAsync(name, ct))!;

        var e = await Record.ExceptionAsync(() => host.Client(connection).GetPipelinesAsync(ct));

        Assert.IsType<CrmApiException>(e);
        Assert.Equal(4, cutOff.Requests);
    }

    [Fact]
    public async Task CatalogFields_WithoutNames_FailNamingTheEndpoint()
    {
        var connection = await host.StartTestAsync();
        host.Server.Given(Request.Create().UsingGet().WithPath("/api/v4/catalogs/77/custom_fields"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/hal+json")
                .WithBody("""{"_page":1,"_embedded":{"custom_fields":[{"id":901,"type":"numeric"},{"id":902,"type":"text"}]}}"""));

        var e = await Record.ExceptionAsync(() => host.Client(connection).GetCatalogFieldsAsync(77, 1, Ct));

        var api = Assert.IsType<CrmApiException>(e);
        Assert.Contains("api/v4/catalogs/77/custom_fields", api.Message, StringComparison.Ordinal);
    }

    /// <summary>Lead fields are found by name: a field without one would silently leave cost, paid amount or due date unmapped.</summary>
    [Fact]
    public async Task LeadFields_WithoutNames_FailNamingTheEndpoint()
    {
        var connection = await host.StartTestAsync();
        host.Server.Given(Request.Create().UsingGet().WithPath("/api/v4/leads/custom_fields"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/hal+json")
                .WithBody("""{"_page":1,"_embedded":{"custom_fields":[{"id":901,"type":"numeric"}]}}"""));

        var e = await Record.ExceptionAsync(() => host.Client(connection).GetLeadFieldsAsync(1, Ct));

        var api = Assert.IsType<CrmApiException>(e);
        Assert.Contains("api/v4/leads/custom_fields", api.Message, StringComparison.Ordinal);
    }

    private static CrmCredentials OAuth() =>
        new(CrmCredentials.OAuth, "old-access", "old-refresh", CycleHarness.Now.AddHours(12), "client-id", "client-secret", "https://kpisync.example/callback");
}
