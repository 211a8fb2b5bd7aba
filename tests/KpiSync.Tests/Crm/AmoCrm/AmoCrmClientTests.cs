using System.Net;
using KpiSync.Crm;
using KpiSync.Tests.Support;

namespace KpiSync.Tests.Crm.AmoCrm;

public sealed class AmoCrmClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetLeadsAsync_RealAccountPage_ParsesEveryLeadAndSeesNoNextPage()
    {
        var client = Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json(Fixtures.Read("amocrm-leads-page-real-account.json"))));

        var page = await client.GetLeadsAsync(0, null, 1, Ct);

        Assert.NotEmpty(page.Items);
        Assert.Empty(page.Rejected);
        Assert.False(page.HasNext);
        Assert.Contains(page.Items, l => l.Id == 38473079 && l.Price == 2000 && l.ResponsibleUserId == 10091426 && l.ClosedAt is null);
    }

    [Fact]
    public async Task GetLeadsAsync_DocsPageWithNextLink_ReportsMore()
    {
        var client = Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json(Fixtures.Read("amocrm-leads-page.json"))));

        var page = await client.GetLeadsAsync(0, null, 1, Ct);

        Assert.True(page.HasNext);
        Assert.NotEmpty(page.Items);
    }

    [Fact]
    public async Task GetLeadsAsync_NoContent_IsAnEmptyLastPage()
    {
        var client = Some.Client(new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent)));

        var page = await client.GetLeadsAsync(0, null, 3, Ct);

        Assert.Equal(0, page.Count);
        Assert.False(page.HasNext);
    }

    [Fact]
    public async Task GetLeadsAsync_OneMalformedRecord_RejectsOnlyThatRecordWithItsRawJson()
    {
        const string Body = """
            {"_page":1,"_links":{"self":{"href":"x"}},"_embedded":{"leads":[
              {"id":1,"price":10,"responsible_user_id":5,"status_id":142,"pipeline_id":7,"created_at":1700000000,"updated_at":1700000001},
              {"id":2,"price":"not-a-number","responsible_user_id":5,"created_at":"yesterday","updated_at":1700000002}]}}
            """;
        var client = Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json(Body)));

        var page = await client.GetLeadsAsync(0, null, 1, Ct);

        Assert.Equal(1, Assert.Single(page.Items).Id);
        var rejected = Assert.Single(page.Rejected);
        Assert.Equal("2", rejected.Key);
        Assert.Contains("not-a-number", rejected.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCallNotesAsync_OfficialCallNote_ReadsDurationAndStatus()
    {
        var note = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Read("amocrm-notes-calls.json"))!["official_php_library_test_note_call_in"]!.ToJsonString();
        var client = Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json("{\"_embedded\":{\"notes\":[" + note + "]}}")));

        var n = Assert.Single((await client.GetCallNotesAsync(0, null, 1, Ct)).Items);

        Assert.Equal(130, n.Params!.Duration);
        Assert.Equal(4, n.Params.CallStatus);
        Assert.Equal("call_in", n.NoteType);
    }

    [Fact]
    public async Task GetAccountAsync_Fixture_ReadsTheTimeZone()
    {
        var client = Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json(Fixtures.Read("amocrm-account.json"))));

        var account = await client.GetAccountAsync(Ct);

        Assert.Equal("Europe/Moscow", account.Embedded?.DatetimeSettings?.Timezone);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "amocrm-error-401-unauthorized.json")]
    [InlineData(HttpStatusCode.BadRequest, "amocrm-error-400.json")]
    public async Task GetLeadsAsync_ErrorStatus_ThrowsCrmApiExceptionWithTheStatus(HttpStatusCode status, string fixture)
    {
        var client = Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json(Fixtures.Read(fixture), status)));

        var e = await Assert.ThrowsAsync<CrmApiException>(() => client.GetLeadsAsync(0, null, 1, Ct));

        Assert.Equal(status, e.StatusCode);
        Assert.DoesNotContain("t0ken", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLeadsAsync_MalformedRecordBetweenGoodOnes_KeepsTheOthersAndItsExactText_LinksReadAfterTheList()
    {
        const string Bad = """{"id":2,"price":{"amount":10},"tags":[1,[2]],"created_at":1700000000,"updated_at":1700000002}""";
        var body = """
            {"_page":1,"_embedded":{"other":[{"id":9}],"leads":[
              {"id":1,"price":10,"responsible_user_id":5,"created_at":1700000000,"updated_at":1700000001},
              BAD,
              {"id":3,"price":30,"responsible_user_id":5,"created_at":1700000000,"updated_at":1700000003}]},
             "_links":{"self":{"href":"x"},"next":{"href":"y"}}}
            """.Replace("BAD", Bad, StringComparison.Ordinal);
        var client = Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json(body)));

        var page = await client.GetLeadsAsync(0, null, 1, Ct);

        Assert.Equal([1L, 3L], page.Items.Select(l => l.Id));
        Assert.Equal(30, page.Items[1].Price);
        var rejected = Assert.Single(page.Rejected);
        Assert.Equal("2", rejected.Key);
        Assert.Equal(Bad, rejected.Raw);
        Assert.True(page.HasNext);
    }

    [Theory]
    [InlineData("{\"_page\":1,\"_embedded\":{\"leads\":[{\"id\":1,\"price\":}]}}")]
    [InlineData("{\"_page\":1,\"_embedded\":{\"leads\":[]}} trailing")]
    [InlineData("{\"_page\":1,\"_embedded\":{\"leads\":[{\"id\":1,")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    public async Task BufferedJsonContent_BodyNotJson_IsAnIOExceptionTheRetryTakesForTransient(string broken)
    {
        using var content = new StringContent(broken, System.Text.Encoding.UTF8, "text/html");

        var e = await Assert.ThrowsAsync<UnreadableResponseException>(() => BufferedJsonContent.ReadAsync(content, Ct));

        Assert.IsAssignableFrom<IOException>(e);
        Assert.Contains("not JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BufferedJsonContent_Json_IsKeptWholeWithItsHeaders()
    {
        var page = Fixtures.Read("amocrm-leads-page-real-account.json");
        using var content = new StringContent(page, System.Text.Encoding.UTF8, "application/hal+json");

        using var buffered = await BufferedJsonContent.ReadAsync(content, Ct);

        Assert.Equal(page, await buffered.ReadAsStringAsync(Ct));
        Assert.Equal("application/hal+json", buffered.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetLeadsAsync_JsonThatIsNotAPage_IsAnErrorNamingTheEndpoint()
    {
        var client = Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json("[1, 2]")));

        var e = await Assert.ThrowsAsync<CrmApiException>(() => client.GetLeadsAsync(0, null, 1, Ct));

        Assert.Contains("/api/v4/leads", e.Message, StringComparison.Ordinal);
        Assert.Contains("not an amoCRM list of leads", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLeadsAsync_WithUpperBound_SendsBothEndsOfTheRange()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        await Some.Client(handler).GetLeadsAsync(100, 200, 1, Ct);

        var query = Uri.UnescapeDataString(Assert.Single(handler.Requests).Query);
        Assert.Contains("filter[updated_at][from]=100", query, StringComparison.Ordinal);
        Assert.Contains("filter[updated_at][to]=200", query, StringComparison.Ordinal);
        Assert.Contains("order[updated_at]=asc", query, StringComparison.Ordinal);
    }
}
