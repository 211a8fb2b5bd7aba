using System.Net;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorRateLimitTests
{
    [Fact]
    public async Task Requests_TwentyInParallelAtSevenPerSecond_SomeGetHtml429WithoutRetryAfter()
    {
        await using var simulator = await AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 7 }, TestContext.Current.CancellationToken);
        using var client = SimulatorHttp.CreateClient(simulator);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync(new Uri("api/v4/account", UriKind.Relative), TestContext.Current.CancellationToken)));
        var limited = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();

        Assert.NotEmpty(limited);
        Assert.True(responses.Count(response => response.StatusCode == HttpStatusCode.OK) >= 7);
        foreach (var response in limited)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.False(response.Headers.Contains("Retry-After"));
            Assert.Contains("<h1>429 Too Many Requests</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Assert.Equal(limited.Count, simulator.RateLimitedCount);
        Assert.Equal(20, simulator.RequestCount);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Requests_FrozenClock_ExactlySevenAcceptedUntilTheWindowSlides()
    {
        var clock = new ManualTimeProvider(SimulatorHttp.Anchor);
        await using var simulator = await AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, TimeProvider = clock }, TestContext.Current.CancellationToken);
        using var client = SimulatorHttp.CreateClient(simulator);

        var first = await StatusesAsync(client, 20);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        var stillLimited = await StatusesAsync(client, 1);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterWindow = await StatusesAsync(client, 7);

        Assert.Equal(7, first.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(13, first.Count(status => status == HttpStatusCode.TooManyRequests));
        Assert.Equal([HttpStatusCode.TooManyRequests], stillLimited);
        Assert.All(afterWindow, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(14, simulator.RateLimitedCount);
    }

    [Fact]
    public async Task Requests_LimitZero_NeverRateLimited()
    {
        await using var simulator = await AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 }, TestContext.Current.CancellationToken);
        using var client = SimulatorHttp.CreateClient(simulator);

        var statuses = await StatusesAsync(client, 30);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(0, simulator.RateLimitedCount);
    }

    private static async Task<HttpStatusCode[]> StatusesAsync(HttpClient client, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var response = await client.GetAsync(new Uri("api/v4/account", UriKind.Relative), TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));
}
