using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorOAuthTests
{
    [Fact]
    public async Task Token_AccessTokenLifetime_ExpiresAndAnswers401Unauthorized()
    {
        var clock = new ManualTimeProvider(SimulatorHttp.Anchor.AddHours(1));
        await using var simulator = await StartAsync(new SimulatorOptions
        {
            Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, TimeProvider = clock, AccessTokenLifetime = TimeSpan.FromHours(1),
        });
        using var anonymous = SimulatorHttp.CreateClient(simulator, token: null);
        using var tokens = await AmoCrmSimulatorAuthTests.ExchangeAsync(anonymous, AmoCrmSimulatorAuthTests.CodeBody(simulator.IssueAuthorizationCode()));
        using var client = SimulatorHttp.CreateClient(simulator, tokens.RootElement.GetProperty("access_token").GetString());

        var fresh = await StatusAsync(client, "api/v4/account");
        clock.Advance(TimeSpan.FromMinutes(59));
        var almost = await StatusAsync(client, "api/v4/account");
        clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await client.GetAsync(new Uri("api/v4/account", UriKind.Relative), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(3600, tokens.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (fresh, almost));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Unauthorized", body.RootElement.GetProperty("title").GetString());
        Assert.Equal("Неверный логин или пароль", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Code_OnlyIssuedCodes_WorkOnceWithinTwentyMinutes()
    {
        var clock = new ManualTimeProvider(SimulatorHttp.Anchor);
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, TimeProvider = clock });
        using var client = SimulatorHttp.CreateClient(simulator, token: null);
        var code = simulator.IssueAuthorizationCode();
        var stale = simulator.IssueAuthorizationCode();

        var unknown = await ExchangeStatusAsync(client, AmoCrmSimulatorAuthTests.CodeBody("made-up-code"));
        var first = await ExchangeStatusAsync(client, AmoCrmSimulatorAuthTests.CodeBody(code));
        var reuse = await ExchangeStatusAsync(client, AmoCrmSimulatorAuthTests.CodeBody(code));
        clock.Advance(TimeSpan.FromMinutes(20));
        var expired = await ExchangeStatusAsync(client, AmoCrmSimulatorAuthTests.CodeBody(stale));

        Assert.NotEqual(code, stale);
        Assert.Equal((HttpStatusCode.BadRequest, "Authorization code has been revoked"), unknown);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "Authorization code has been revoked"), reuse);
        Assert.Equal((HttpStatusCode.BadRequest, "Authorization code has been revoked"), expired);
    }

    [Fact]
    public async Task Refresh_TwoConcurrentRefreshesOfOneToken_ExactlyOneSucceeds()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator, token: null);
        using var tokens = await AmoCrmSimulatorAuthTests.ExchangeAsync(client, AmoCrmSimulatorAuthTests.CodeBody(simulator.IssueAuthorizationCode()));
        var body = AmoCrmSimulatorAuthTests.RefreshBody(tokens.RootElement.GetProperty("refresh_token").GetString());

        for (var round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => ExchangeStatusAsync(client, body)));
            var winner = results.Count(result => result.Status == HttpStatusCode.OK);
            Assert.Equal(round == 0 ? 1 : 0, winner);
            Assert.All(results.Where(result => result.Status != HttpStatusCode.OK), result =>
                Assert.Equal((HttpStatusCode.Unauthorized, "Token has been revoked"), result));
        }

        Assert.Equal(1, simulator.TokenRefreshCount);
    }

    [Fact]
    public async Task RevokeTokenAfter_IssuedTokensGet401_RefreshRecovers()
    {
        await using var simulator = await StartAsync(new SimulatorOptions
        {
            Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, Faults = new SimulatorFaults { RevokeTokenAfter = 3 },
        });
        using var anonymous = SimulatorHttp.CreateClient(simulator, token: null);
        using var tokens = await AmoCrmSimulatorAuthTests.ExchangeAsync(anonymous, AmoCrmSimulatorAuthTests.CodeBody(simulator.IssueAuthorizationCode()));
        using var client = SimulatorHttp.CreateClient(simulator, tokens.RootElement.GetProperty("access_token").GetString());
        using var longLived = SimulatorHttp.CreateClient(simulator);

        var before = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            before.Add(await StatusAsync(client, "api/v4/account"));
        }

        var longLivedStatus = await StatusAsync(longLived, "api/v4/account");
        using var refreshed = await AmoCrmSimulatorAuthTests.ExchangeAsync(
            anonymous, AmoCrmSimulatorAuthTests.RefreshBody(tokens.RootElement.GetProperty("refresh_token").GetString()));
        using var recovered = SimulatorHttp.CreateClient(simulator, refreshed.RootElement.GetProperty("access_token").GetString());
        var after = await StatusAsync(recovered, "api/v4/account");
        var stillRevoked = await StatusAsync(client, "api/v4/account");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], before);
        Assert.Equal(HttpStatusCode.OK, longLivedStatus);
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal(HttpStatusCode.Unauthorized, stillRevoked);
        Assert.Equal(1, simulator.TokenRefreshCount);
    }

    internal static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static async Task<(HttpStatusCode Status, string? Hint)> ExchangeStatusAsync(HttpClient client, string json)
    {
        using var response = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "oauth2/access_token", json);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (response.StatusCode, body.RootElement.TryGetProperty("hint", out var hint) ? hint.GetString() : null);
    }

    private static Task<AmoCrmSimulator> StartAsync(SimulatorOptions options) =>
        AmoCrmSimulator.StartAsync(options, TestContext.Current.CancellationToken);
}
