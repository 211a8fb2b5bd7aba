using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorAccessTests
{
    [Fact]
    public async Task Blocked_EveryRequestIncludingTheTokenEndpoint_GetsNginx403Html()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        simulator.Blocked = true;

        using var api = await client.GetAsync(new Uri("api/v4/leads", UriKind.Relative), TestContext.Current.CancellationToken);
        using var token = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "oauth2/access_token",
            AmoCrmSimulatorAuthTests.CodeBody(simulator.IssueAuthorizationCode()));
        var apiBody = await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        simulator.Blocked = false;
        var unblocked = await AmoCrmSimulatorOAuthTests.StatusAsync(client, "api/v4/leads");

        foreach (var response in new[] { api, token })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.StartsWith("<html><head><title>403 Forbidden</title></head>", apiBody, StringComparison.Ordinal);
        Assert.Contains("<center>nginx</center>", apiBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unblocked);
    }

    [Fact]
    public async Task Unpaid_ApiRequests_Get402ProblemJson()
    {
        await using var simulator = await StartAsync();
        using var client = SimulatorHttp.CreateClient(simulator);
        simulator.Unpaid = true;

        using var response = await client.GetAsync(new Uri("api/v4/leads", UriKind.Relative), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var token = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "oauth2/access_token",
            AmoCrmSimulatorAuthTests.CodeBody(simulator.IssueAuthorizationCode()));
        simulator.Unpaid = false;
        var paid = await AmoCrmSimulatorOAuthTests.StatusAsync(client, "api/v4/leads");

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Payment Required", body.RootElement.GetProperty("title").GetString());
        Assert.Equal(402, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Account is not paid", body.RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, paid);
    }

    private static Task<AmoCrmSimulator> StartAsync() =>
        AmoCrmSimulator.StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 }, TestContext.Current.CancellationToken);
}
