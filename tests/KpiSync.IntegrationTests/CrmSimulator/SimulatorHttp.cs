using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

/// <summary>Plain HttpClient helpers for talking to the simulator over loopback.</summary>
internal static class SimulatorHttp
{
    public static readonly DateTimeOffset Anchor = new(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);

    public static HttpClient CreateClient(AmoCrmSimulator simulator, string? token = "sim-long-lived-token")
    {
        var client = new HttpClient { BaseAddress = simulator.BaseUrl };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Follows <c>_links.next</c> from <paramref name="firstUrl"/>; returns each page's raw body.</summary>
    public static async Task<List<string>> GetAllPagesAsync(HttpClient client, string firstUrl)
    {
        var pages = new List<string>();
        for (var url = firstUrl; url is not null;)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            pages.Add(body);
            using var document = JsonDocument.Parse(body);
            url = document.RootElement.GetProperty("_links").TryGetProperty("next", out var next)
                ? next.GetProperty("href").GetString()
                : null;
        }

        return pages;
    }

    /// <summary>All items of a paged list, cloned out of their documents.</summary>
    public static async Task<List<JsonElement>> GetAllItemsAsync(HttpClient client, string firstUrl, string entities)
    {
        var items = new List<JsonElement>();
        foreach (var page in await GetAllPagesAsync(client, firstUrl))
        {
            using var document = JsonDocument.Parse(page);
            items.AddRange(document.RootElement.GetProperty("_embedded").GetProperty(entities).EnumerateArray().Select(item => item.Clone()));
        }

        return items;
    }

    public static async Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string url, string json)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
