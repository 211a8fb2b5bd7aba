using System.Net;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The headers every dashboard page carries, read over real HTTP, and what the node logs while serving them.</summary>
public sealed class AdminHeadersTests(PostgresServer server)
{
    [Fact]
    public async Task PagesWithForms_AreNotCached_AndLogNoHeaderOverrideWarning()
    {
        var log = Path.Combine(Path.GetTempPath(), $"kpisync-headers-{Guid.NewGuid():N}.log");
        var (h, url) = await DashboardHost.StartAsync(server, nameof(PagesWithForms_AreNotCached_AndLogNoHeaderOverrideWarning), settings: new()
        {
            ["Serilog:WriteTo:1:Name"] = "File",
            ["Serilog:WriteTo:1:Args:path"] = log,
        });
        try
        {
            await using (h)
            {
                using var client = new DashboardClient(url);
                // A wrong password logs a warning: proof that warnings reach the captured log at all.
                using var wrong = await client.SignInAsync(DashboardHost.User, "not the password");
                using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                foreach (var page in new[] { "admin/login", "admin/connections", "admin/resync", "admin/connections/edit" })
                {
                    using var response = await client.GetAsync(page);
                    var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
                    Assert.True(response.Headers.CacheControl!.NoStore, page + ": " + response.Headers.CacheControl);
                }
            }

            var text = await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken);
            Assert.Contains("Failed sign-in for", text, StringComparison.Ordinal);
            Assert.DoesNotContain("have been overridden", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
