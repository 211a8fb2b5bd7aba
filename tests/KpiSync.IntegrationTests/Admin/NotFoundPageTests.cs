using System.Net;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Unknown dashboard addresses and records that are not there: a 404 page with the layout and a way back;
/// signed out, the sign-in page as everywhere else under /admin.</summary>
public sealed class NotFoundPageTests(PostgresServer server)
{
    [Fact]
    public async Task UnknownPageOrRecord_SignedIn_Is404WithALinkToTheKpiTable_SignedOut_GoesToSignIn()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(UnknownPageOrRecord_SignedIn_Is404WithALinkToTheKpiTable_SignedOut_GoesToSignIn));
        await using var _ = h;
        using var client = new DashboardClient(url);

        using var signedOut = await client.GetAsync("admin/nope");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/admin/login", signedOut.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        foreach (var path in new[] { "admin/nope", "admin/runs?job=987654", "admin/runs?connection=nope", "admin/connections/edit?name=nope" })
        {
            using var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("<h1>Not found</h1>", html, StringComparison.Ordinal);
            Assert.Matches("<a [^>]*href=\"/admin/kpis\"[^>]*>Back to the KPI table</a>", html);
            Assert.Contains("Sign out", html, StringComparison.Ordinal);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        // The pages that exist are untouched.
        Assert.Contains("<h1>Runs", await client.GetStringAsync("admin/runs?connection=sim"), StringComparison.Ordinal);
    }
}
