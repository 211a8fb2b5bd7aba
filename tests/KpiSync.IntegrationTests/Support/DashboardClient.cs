using System.Net;
using System.Text.RegularExpressions;

namespace KpiSync.IntegrationTests.Support;

/// <summary>A browser-like HTTP client for the dashboard: keeps cookies, does not follow redirects, and reads the
/// antiforgery token from a page's form the way a browser would submit it.</summary>
public sealed partial class DashboardClient : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };

    public DashboardClient(Uri baseAddress) => Http = new HttpClient(_handler) { BaseAddress = baseAddress };

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    public async Task<string> TokenAsync(string page)
    {
        var html = await Http.GetStringAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {page}");
    }

    public async Task<HttpResponseMessage> SignInAsync(string user, string password)
    {
        var token = await TokenAsync("admin/login");
        return await PostAsync("admin/login", new() { ["userName"] = user, ["password"] = password, ["__RequestVerificationToken"] = token });
    }

    /// <summary>Posts a form with the token read from <paramref name="tokenPage"/> (default: the page posted to, without its query).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? tokenPage = null)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(tokenPage ?? path.Split('?')[0]);
        return await PostAsync(path, fields);
    }

    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields) =>
        Http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
