using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Crm.Auth;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static KpiSync.IntegrationTests.Crm.AmoCrm.Contract.WireRequest;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>
/// The exact writes KpiSync sends (catalogs, fields, elements, webhooks) and its OAuth token requests: method, path,
/// JSON body with its <c>request_id</c>s, <c>Content-Type: application/json</c>, and the bearer token on API calls only.
/// </summary>
public sealed class AmoCrmWriteRequestTests(AmoContractHost host) : IClassFixture<AmoContractHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void Answer(string method, string path, string body, int status = 200) =>
        host.Server.Given(Request.Create().UsingMethod(method).WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/hal+json").WithBody(body));

    private static void AssertApiWrite(ILogEntry request, string method, string path)
    {
        Assert.Equal(method, request.RequestMessage.Method);
        Assert.Equal(path, request.RequestMessage.Path);
        Assert.Equal("Bearer " + AmoContractHost.Token, Header(request, "Authorization"));
        Assert.StartsWith("application/json", Header(request, "Content-Type"), StringComparison.Ordinal);
        Assert.Empty(Query(request));
    }

    [Fact]
    public async Task CreateCatalog_PostsOneRegularListWithRequestId()
    {
        var connection = await host.StartTestAsync();
        Answer("POST", "/api/v4/catalogs", """{"_embedded":{"catalogs":[{"id":7001,"request_id":"0"}]}}""");

        var id = await host.Client(connection).CreateCatalogAsync("KPI", Ct);

        Assert.Equal(7001, id);
        var request = host.OnlyRequest();
        AssertApiWrite(request, "POST", "/api/v4/catalogs");
        AssertBody("""[{"name":"KPI","type":"regular","request_id":"0"}]""", request);
    }

    [Fact]
    public async Task CreateCatalogFields_PostsEachFieldWithItsRequestId()
    {
        var connection = await host.StartTestAsync();
        Answer("POST", "/api/v4/catalogs/77/custom_fields", """{"_embedded":{"custom_fields":[{"id":902,"request_id":"1"},{"id":901,"request_id":"0"}]}}""");

        var ids = await host.Client(connection).CreateCatalogFieldsAsync(77, [new AmoNewCustomField("kpi_index", "numeric"), new AmoNewCustomField("period", "text")], Ct);

        Assert.Equal([901L, 902L], ids);
        var request = host.OnlyRequest();
        AssertApiWrite(request, "POST", "/api/v4/catalogs/77/custom_fields");
        AssertBody("""[{"name":"kpi_index","type":"numeric","request_id":"0"},{"name":"period","type":"text","request_id":"1"}]""", request);
    }

    [Fact]
    public async Task CreateCatalogElements_PostsNameAndValuesWithRequestIds()
    {
        var connection = await host.StartTestAsync();
        Answer("POST", "/api/v4/catalogs/77/elements", AmoContractHost.Fixture("amocrm-leads-post-response.json").Replace("\"leads\"", "\"elements\"", StringComparison.Ordinal));

        var ids = await host.Client(connection).CreateCatalogElementsAsync(77,
            [new AmoElementWrite(null, "Rep A", [new AmoFieldWrite(901, [new AmoValueWrite("1.5")])]), new AmoElementWrite(null, "Rep B", [new AmoFieldWrite(901, null)])], Ct);

        Assert.Equal([10185151L, 10185153L], ids);
        var request = host.OnlyRequest();
        AssertApiWrite(request, "POST", "/api/v4/catalogs/77/elements");
        AssertBody("""
            [{"name":"Rep A","custom_fields_values":[{"field_id":901,"values":[{"value":"1.5"}]}],"request_id":"0"},
             {"name":"Rep B","custom_fields_values":[{"field_id":901,"values":null}],"request_id":"1"}]
            """, request);
    }

    [Fact]
    public async Task UpdateCatalogElements_PatchesIdsWithOnlyTheFieldsGivenAndNullToClear()
    {
        var connection = await host.StartTestAsync();
        Answer("PATCH", "/api/v4/catalogs/77/elements", AmoContractHost.Fixture("amocrm-leads-patch-response.json"));

        await host.Client(connection).UpdateCatalogElementsAsync(77,
            [new AmoElementWrite(5, null, [new AmoFieldWrite(901, null)]), new AmoElementWrite(6, "Renamed", [])], Ct);

        var request = host.OnlyRequest();
        AssertApiWrite(request, "PATCH", "/api/v4/catalogs/77/elements");
        AssertBody("""
            [{"id":5,"custom_fields_values":[{"field_id":901,"values":null}]},
             {"id":6,"name":"Renamed","custom_fields_values":[]}]
            """, request);
    }

    [Fact]
    public async Task RegisterWebhook_PostsDestinationAndSettings()
    {
        var connection = await host.StartTestAsync();
        Answer("POST", "/api/v4/webhooks", """{"id":1,"destination":"https://kpisync.example/webhooks/amocrm/x","settings":["add_lead"],"sort":1}""");

        await host.Client(connection).RegisterWebhookAsync(new Uri("https://kpisync.example/webhooks/amocrm/x"), ["add_lead", "status_lead"], Ct);

        var request = host.OnlyRequest();
        AssertApiWrite(request, "POST", "/api/v4/webhooks");
        AssertBody("""{"destination":"https://kpisync.example/webhooks/amocrm/x","settings":["add_lead","status_lead"]}""", request);
    }

    [Fact]
    public async Task ExchangeCode_PostsTheCodeGrantAsJsonWithoutBearer()
    {
        await host.StartTestAsync();
        Answer("POST", "/oauth2/access_token", AmoContractHost.Fixture("amocrm-token.json"));

        var credentials = await host.Get<AmoCrmOAuthClient>().ExchangeCodeAsync(host.BaseUrl, "client-id", "client-secret",
            new Uri("https://kpisync.example/callback"), "the-code", Ct);

        Assert.Equal("ACCESS_TOKEN_VALUE", credentials.AccessToken);
        Assert.Equal("REFRESH_TOKEN_VALUE", credentials.RefreshToken);
        var request = host.OnlyRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal("/oauth2/access_token", request.RequestMessage.Path);
        Assert.Null(Header(request, "Authorization"));
        Assert.StartsWith("application/json", Header(request, "Content-Type"), StringComparison.Ordinal);
        AssertBody("""
            {"client_id":"client-id","client_secret":"client-secret","grant_type":"authorization_code","code":"the-code",
             "redirect_uri":"https://kpisync.example/callback"}
            """, request);
    }

    [Fact]
    public async Task Refresh_PostsTheRefreshGrantAsJsonWithoutBearer()
    {
        var current = new CrmCredentials(CrmCredentials.OAuth, "old-access", "old-refresh", KpiSync.IntegrationTests.Support.CycleHarness.Now.AddHours(1),
            "client-id", "client-secret", "https://kpisync.example/callback");
        var connection = await host.StartTestAsync(current);
        Answer("POST", "/oauth2/access_token", AmoContractHost.Fixture("amocrm-token.json"));

        var fresh = await host.Get<AmoCrmOAuthClient>().RefreshAsync(connection, current, Ct);

        Assert.Equal("ACCESS_TOKEN_VALUE", fresh.AccessToken);
        var request = host.OnlyRequest();
        Assert.Equal("/oauth2/access_token", request.RequestMessage.Path);
        Assert.Null(Header(request, "Authorization"));
        Assert.StartsWith("application/json", Header(request, "Content-Type"), StringComparison.Ordinal);
        AssertBody("""
            {"client_id":"client-id","client_secret":"client-secret","grant_type":"refresh_token","refresh_token":"old-refresh",
             "redirect_uri":"https://kpisync.example/callback"}
            """, request);
    }
}
