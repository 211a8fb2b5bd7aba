using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorAuthTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Api_WithoutAValidToken_Returns401Problem(string? token)
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator, token);

        using var response = await client.GetAsync(new Uri("api/v4/leads", UriKind.Relative), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Unauthorized", body.RootElement.GetProperty("title").GetString());
        Assert.Equal(401, body.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Token_RefreshTokenUsedTwice_SecondUseIsRevoked()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator, token: null);

        var first = await ExchangeAsync(client, CodeBody(simulator.IssueAuthorizationCode()));
        var refresh = first.RootElement.GetProperty("refresh_token").GetString();
        var refreshBody = RefreshBody(refresh);
        var second = await ExchangeAsync(client, refreshBody);
        using var reuse = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "oauth2/access_token", refreshBody);
        using var revoked = JsonDocument.Parse(await reuse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Bearer", first.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(86400, first.RootElement.GetProperty("expires_in").GetInt32());
        Assert.NotEqual(refresh, second.RootElement.GetProperty("refresh_token").GetString());
        Assert.NotEqual(first.RootElement.GetProperty("access_token").GetString(), second.RootElement.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal("Token has been revoked", revoked.RootElement.GetProperty("hint").GetString());
        Assert.Equal("https://developers.amocrm.ru/v3/errors/OAuthProblemJson", revoked.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Token_IssuedAccessToken_WorksUntilItExpires()
    {
        var clock = new ManualTimeProvider(SimulatorHttp.Anchor.AddHours(1));
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, TimeProvider = clock });
        using var anonymous = SimulatorHttp.CreateClient(simulator, token: null);
        var code = simulator.IssueAuthorizationCode();
        var tokens = await ExchangeAsync(anonymous, CodeBody(code));
        using var client = SimulatorHttp.CreateClient(simulator, tokens.RootElement.GetProperty("access_token").GetString());
        using var codeReuse = await SimulatorHttp.SendJsonAsync(anonymous, HttpMethod.Post, "oauth2/access_token", CodeBody(code));
        using var wrongSecret = await SimulatorHttp.SendJsonAsync(anonymous, HttpMethod.Post, "oauth2/access_token",
            CodeBody(simulator.IssueAuthorizationCode()).Replace("sim-secret", "nope", StringComparison.Ordinal));

        using var fresh = await client.GetAsync(new Uri("api/v4/account", UriKind.Relative), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(1));
        using var expired = await client.GetAsync(new Uri("api/v4/account", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, codeReuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
    }

    internal static string CodeBody(string code) =>
        $$"""{"client_id":"sim-client","client_secret":"sim-secret","grant_type":"authorization_code","code":"{{code}}","redirect_uri":"https://example.test"}""";

    internal static string RefreshBody(string? refreshToken) =>
        $$"""{"client_id":"sim-client","client_secret":"sim-secret","grant_type":"refresh_token","refresh_token":"{{refreshToken}}","redirect_uri":"https://example.test"}""";

    internal static async Task<JsonDocument> ExchangeAsync(HttpClient client, string json)
    {
        using var response = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "oauth2/access_token", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static Task<AmoCrmSimulator> StartAsync(SimulatorOptions options) =>
        AmoCrmSimulator.StartAsync(options, TestContext.Current.CancellationToken);
}
