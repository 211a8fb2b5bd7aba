using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;
using KpiSync.CrmSimulator.Generation;

namespace KpiSync.IntegrationTests.CrmSimulator;

/// <summary>
/// The faults applied to a response once it is produced: broken successes on every /api/v4 read, and lost answers
/// to /api/v4 writes that were applied. Each is switched on alone at share 1 after the account is set up.
/// </summary>
public sealed class AmoCrmSimulatorResponseFaultTests
{
    private const string Webhook = """{"destination":"https://example.com/kpisync/hook","settings":["add_lead"]}""";

    public static TheoryData<string> Reads { get; } = new(
        "api/v4/account",
        "api/v4/users",
        "api/v4/leads/pipelines",
        "api/v4/leads/custom_fields",
        "api/v4/leads?limit=50",
        "api/v4/events?limit=100",
        "api/v4/leads/notes?limit=250",
        "api/v4/tasks?order[id]=asc&limit=250",
        "api/v4/catalogs",
        $"api/v4/catalogs/{InvoiceLayout.CatalogId}/custom_fields",
        $"api/v4/catalogs/{InvoiceLayout.CatalogId}/elements?limit=250",
        "api/v4/webhooks");

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task MalformedPages_AtOne_CutsTheJsonOfEveryRead(string url)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        var whole = await SetUpAsync(client, url);
        simulator.Faults = new SimulatorFaults { MalformedPages = 1.0 };

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(whole.Length / 2, body.Length);
        Assert.Equal(whole[..body.Length], body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(1, simulator.FaultCount);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task TruncatedBodies_AtOne_AnnouncesTheWholeBodyThenDropsTheConnection(string url)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        var whole = await SetUpAsync(client, url);
        simulator.Faults = new SimulatorFaults { TruncatedBodies = 1.0 };

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(whole.Length, response.Content.Headers.ContentLength);
        var premature = Innermost<HttpIOException>(failure);
        Assert.NotNull(premature);
        Assert.Equal(HttpRequestError.ResponseEnded, premature.HttpRequestError);
        Assert.Equal(1, simulator.FaultCount);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task NonJsonOk_AtOne_AnswersEveryRead200WithHtml(string url)
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        await SetUpAsync(client, url);
        simulator.Faults = new SimulatorFaults { NonJsonOk = 1.0 };

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        AssertHtmlOk(response, body);
        Assert.Equal(1, simulator.FaultCount);
    }

    [Fact]
    public async Task NonJsonOk_AtOne_ReplacesAnEmptyListToo()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        const string url = "api/v4/tasks?filter[updated_at][from]=4000000000&order[id]=asc&limit=250";
        var empty = await StatusOfAsync(client, url);
        simulator.Faults = new SimulatorFaults { NonJsonOk = 1.0 };

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, empty);
        AssertHtmlOk(response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, simulator.FaultCount);
    }

    [Fact]
    public async Task ReadFaults_LeaveErrorsAndWritesAlone()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        simulator.Faults = new SimulatorFaults { MalformedPages = 1.0, TruncatedBodies = 1.0, NonJsonOk = 1.0 };

        using var missing = await client.GetAsync(new Uri("api/v4/catalogs/42/elements", UriKind.Relative), TestContext.Current.CancellationToken);
        using var written = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/catalogs", """[{"name":"KPI"}]""");
        using var body = JsonDocument.Parse(await written.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal("KPI", body.RootElement.GetProperty("_embedded").GetProperty("catalogs")[0].GetProperty("name").GetString());
        Assert.Equal(0, simulator.FaultCount);
    }

    [Fact]
    public async Task ReadFaults_AllAtOne_OneFaultPerResponse()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        simulator.Faults = new SimulatorFaults { MalformedPages = 1.0, TruncatedBodies = 1.0, NonJsonOk = 1.0 };

        using var response = await client.GetAsync(new Uri("api/v4/account", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(1, simulator.FaultCount);
    }

    [Fact]
    public async Task LostWriteResponses_AtOne_AppliesPostAndPatchButDropsTheirAnswers()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        using var created = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/catalogs", """[{"name":"KPI"}]""");
        using var catalog = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var catalogId = catalog.RootElement.GetProperty("_embedded").GetProperty("catalogs")[0].GetProperty("id").GetInt64();
        var elements = $"api/v4/catalogs/{catalogId}/elements";
        using var element = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, elements, """[{"name":"Anna"}]""");
        using var elementBody = JsonDocument.Parse(await element.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var elementId = elementBody.RootElement.GetProperty("_embedded").GetProperty("elements")[0].GetProperty("id").GetInt64();
        simulator.Faults = new SimulatorFaults { LostWriteResponses = 1.0 };

        await Assert.ThrowsAsync<HttpRequestException>(() => SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, elements, """[{"name":"Boris"}]"""));
        await Assert.ThrowsAsync<HttpRequestException>(() => SimulatorHttp.SendJsonAsync(client, HttpMethod.Patch, elements, $$"""[{"id":{{elementId}},"name":"Anna P."}]"""));
        await Assert.ThrowsAsync<HttpRequestException>(() => SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/webhooks", Webhook));
        var read = await StatusOfAsync(client, "api/v4/account");
        var afterFaults = simulator.FaultCount;
        simulator.Faults = SimulatorFaults.None;
        var names = (await SimulatorHttp.GetAllItemsAsync(client, $"{elements}?limit=250", "elements")).Select(item => item.GetProperty("name").GetString());
        using var hooks = await SimulatorHttp.GetJsonAsync(client, "api/v4/webhooks");

        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(["Anna P.", "Boris"], names.Order(StringComparer.Ordinal));
        Assert.Single(simulator.Webhooks);
        Assert.Equal(1, hooks.RootElement.GetProperty("_total_items").GetInt32());
        Assert.Equal(3, afterFaults);
        Assert.Equal(5, simulator.State.Writes.Count);
    }

    [Fact]
    public async Task LostWriteResponses_AtOne_StillAnswersARejectedWrite()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        simulator.Faults = new SimulatorFaults { LostWriteResponses = 1.0 };

        using var rejected = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/catalogs", """[{"type":"regular"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Empty(simulator.State.Catalogs);
        Assert.Equal(0, simulator.FaultCount);
    }

    /// <summary>Whatever the read needs to be a non-empty 200 (a webhook to list); returns its whole body, unfaulted.</summary>
    private static async Task<byte[]> SetUpAsync(HttpClient client, string url)
    {
        if (url.StartsWith("api/v4/webhooks", StringComparison.Ordinal))
        {
            using var created = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/webhooks", Webhook);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(body);
        return body;
    }

    private static void AssertHtmlOk(HttpResponseMessage response, string body)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static T? Innermost<T>(Exception? exception)
        where T : Exception
    {
        T? found = null;
        for (; exception is not null; exception = exception.InnerException)
        {
            found = exception as T ?? found;
        }

        return found;
    }

    private static Task<AmoCrmSimulator> StartAsync() =>
        AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, Months = 1 }, TestContext.Current.CancellationToken);
}
