using System.Diagnostics;
using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorFaultTests
{
    [Fact]
    public async Task TooManyRequests_AtOne_AnswersNginx429WithoutRetryAfter()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { TooManyRequests = 1.0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        using var response = await client.GetAsync(new Uri("api/v4/leads", UriKind.Relative), TestContext.Current.CancellationToken);
        using var token = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "oauth2/access_token",
            AmoCrmSimulatorAuthTests.CodeBody(simulator.IssueAuthorizationCode()));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Retry-After"));
        Assert.Contains("<h1>429 Too Many Requests</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(2, simulator.FaultCount);
        Assert.Equal(0, simulator.RateLimitedCount);
    }

    [Fact]
    public async Task ServerErrors_AtOne_Answers5xxInTheirRealShapes()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { ServerErrors = 1.0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        var seen = new Dictionary<HttpStatusCode, string?>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await client.GetAsync(new Uri("api/v4/account", UriKind.Relative), TestContext.Current.CancellationToken);
            seen[response.StatusCode] = response.Content.Headers.ContentType?.MediaType;
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout],
            seen.Keys.Order());
        Assert.Equal("application/problem+json", seen[HttpStatusCode.InternalServerError]);
        Assert.Equal("text/html", seen[HttpStatusCode.BadGateway]);
        Assert.Equal("application/problem+json", seen[HttpStatusCode.ServiceUnavailable]);
        Assert.Equal("text/html", seen[HttpStatusCode.GatewayTimeout]);
        Assert.Equal(40, simulator.FaultCount);
    }

    [Fact]
    public async Task Dropped_AtOne_AbortsTheConnectionAndAppliesNothing()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { Dropped = 1.0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("api/v4/leads", UriKind.Relative), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<HttpRequestException>(() => SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/catalogs", """[{"name":"KPI"}]"""));

        Assert.Empty(simulator.State.Catalogs);
        Assert.Empty(simulator.State.Writes);
        Assert.Equal(2, simulator.FaultCount);
    }

    [Fact]
    public async Task MalformedPages_AtOne_CutsReadBodiesButNotWrites()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { MalformedPages = 1.0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        using var page = await client.GetAsync(new Uri("api/v4/leads?limit=50", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var write = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/catalogs", """[{"name":"KPI"}]""");
        using var written = JsonDocument.Parse(await write.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("application/hal+json", page.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{\"_page\":1", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal(1, simulator.FaultCount);
    }

    [Fact]
    public async Task Slow_AtOne_DelaysEachRequest()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { Slow = 1.0, SlowDelay = TimeSpan.FromMilliseconds(400) });
        using var client = SimulatorHttp.CreateClient(simulator);

        var watch = Stopwatch.StartNew();
        var status = await AmoCrmSimulatorOAuthTests.StatusAsync(client, "api/v4/account");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"took {watch.Elapsed}");
        Assert.Equal(1, simulator.FaultCount);
    }

    [Fact]
    public async Task Faults_AtZeroOrSwitchedOff_ProduceNothing()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { Slow = 0, SlowDelay = TimeSpan.FromSeconds(5) });
        using var client = SimulatorHttp.CreateClient(simulator);

        var zero = await StatusesAsync(client, 20);
        simulator.Faults = new SimulatorFaults { ServerErrors = 1.0 };
        var on = await StatusesAsync(client, 3);
        simulator.Faults = SimulatorFaults.None;
        var off = await StatusesAsync(client, 20);

        Assert.All(zero.Concat(off), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(on, status => Assert.True((int)status >= 500));
        Assert.Equal(3, simulator.FaultCount);
    }

    [Fact]
    public async Task Faults_SameSeed_SameStatusSequence()
    {
        var faults = new SimulatorFaults { ServerErrors = 0.3, TooManyRequests = 0.2, Seed = 5 };

        var first = await SequenceAsync(faults);
        var second = await SequenceAsync(faults);
        var other = await SequenceAsync(faults with { Seed = 6 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.TooManyRequests, first);
    }

    private static async Task<List<HttpStatusCode>> SequenceAsync(SimulatorFaults faults)
    {
        await using var simulator = await StartAsync(faults);
        using var client = SimulatorHttp.CreateClient(simulator);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add(await AmoCrmSimulatorOAuthTests.StatusAsync(client, "api/v4/account"));
        }

        return statuses;
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add(await AmoCrmSimulatorOAuthTests.StatusAsync(client, "api/v4/account"));
        }

        return statuses;
    }

    private static Task<AmoCrmSimulator> StartAsync(SimulatorFaults faults) =>
        AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, Faults = faults }, TestContext.Current.CancellationToken);
}
