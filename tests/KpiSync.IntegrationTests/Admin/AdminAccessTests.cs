using System.Net;
using KpiSync.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Every dashboard route, enumerated from the app's own endpoints (a new page cannot be missed; Hangfire's
/// dashboard is one catch-all among them, its own URLs are in JobsDashboardTests): no session → the sign-in page and
/// no data; a POST without the antiforgery token → 400; /health and /metrics stay anonymous.</summary>
public sealed class AdminAccessTests(PostgresServer server)
{
    [Fact]
    public async Task EveryAdminRoute_WithoutSession_RedirectsToSignIn()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(EveryAdminRoute_WithoutSession_RedirectsToSignIn));
        await using var _ = h;
        using var client = new DashboardClient(url);
        var routes = AdminRoutes(h).Where(r => r.Path != "/admin/login").ToList();
        Assert.True(routes.Count >= 10, "found only " + string.Join(", ", routes.Select(r => r.Path)));
        // Hangfire's dashboard is one catch-all endpoint under /admin/jobs: it is enumerated like the pages.
        Assert.Contains(routes, r => r.Path == "/admin/jobs/1");

        foreach (var (path, _) in routes)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var response = await client.Http.SendAsync(new HttpRequestMessage(method, path.TrimStart('/')), TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path}: {(int)response.StatusCode}");
                Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                Assert.Equal("", body);
            }
        }

        using var login = await client.GetAsync("admin/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task EveryAdminPost_WithoutAntiforgeryToken_Is400_WithTheTokenItIsNot()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(EveryAdminPost_WithoutAntiforgeryToken_Is400_WithTheTokenItIsNot));
        await using var _ = h;
        using var client = new DashboardClient(url);
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var posts = new List<string>();
        var loader = h.Session.Services.GetRequiredService<PageLoader>();
        foreach (var (path, endpoint) in AdminRoutes(h))
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page)
            {
                continue;
            }

            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods.Where(m => m.HttpMethod == "Post"))
            {
                var target = path.TrimStart('/') + (handler.Name is null ? "" : "?handler=" + handler.Name);
                posts.Add(target);
                using var response = await client.PostAsync(target, new() { ["name"] = "sim", ["group"] = "connections" });
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {target}: {(int)response.StatusCode}");
            }
        }

        Assert.Contains("admin/login", posts);
        Assert.Contains("admin/connections?handler=RunNow", posts);
        Assert.Contains("admin/resync?handler=Start", posts);
        Assert.True(posts.Count >= 10, string.Join(", ", posts));
        // The same kind of POST with the token is accepted: the 400s above are the missing token, not a broken form.
        using var pause = await client.PostFormAsync("admin/connections?handler=Schedule&name=sim&pause=true", [], "admin/connections");
        Assert.Equal(HttpStatusCode.Redirect, pause.StatusCode);
        Assert.Contains("Resume schedule", await client.GetStringAsync("admin/connections"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthAndMetrics_NeedNoSession_AndReportTheSyncs()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(HealthAndMetrics_NeedNoSession_AndReportTheSyncs));
        await using var _ = h;
        using var client = new DashboardClient(url);
        await h.RunCycleAsync();

        var health = await client.GetStringAsync("health");
        using var metrics = await client.GetAsync("metrics");
        var text = await metrics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("\"status\":\"healthy\"", health, StringComparison.Ordinal);
        Assert.Contains("\"scheduler\":\"ok\"", health, StringComparison.Ordinal);
        Assert.Contains("\"queues\":", health, StringComparison.Ordinal);
        Assert.Contains("\"sim\":\"active\"", health, StringComparison.Ordinal);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType!.MediaType);
        Assert.Contains("kpisync_database_up 1", text, StringComparison.Ordinal);
        Assert.Matches("kpisync_crm_requests_total\\{connection=\"sim\"\\} [1-9]", text);
        Assert.Matches("kpisync_sync_entities_total\\{connection=\"sim\"\\} [1-9]", text);
        Assert.Matches("kpisync_sync_lag_seconds\\{connection=\"sim\"\\} [0-9]", text);
        Assert.Contains("kpisync_connection_active{connection=\"sim\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE kpisync_crm_requests_total counter", text, StringComparison.Ordinal);
    }

    /// <summary>Every route under /admin with its route values filled in (1 for ids, "sim" for names).</summary>
    private static IEnumerable<(string Path, RouteEndpoint Endpoint)> AdminRoutes(CycleHarness h) =>
        h.Session.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                _ => "1",
            })))), Endpoint: e))
            .Select(r => (Path: r.Path.ToLowerInvariant(), r.Endpoint))
            .Where(r => r.Path.StartsWith("/admin", StringComparison.Ordinal))
            .DistinctBy(r => r.Path, StringComparer.OrdinalIgnoreCase);
}
