using System.Net;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Adding a connection through amoCRM's OAuth consent page (the simulator's), with the state checked and the
/// code exchanged by the dashboard's callback; the client secret and tokens never reach a page.</summary>
public sealed class ConnectionOAuthTests(PostgresServer server)
{
    [Fact]
    public async Task AddConnection_OAuth_RedirectsToConsentAndBack_StoresTheTokenPair()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(AddConnection_OAuth_RedirectsToConsentAndBack_StoresTheTokenPair));
        await using var _ = h;
        using var client = new DashboardClient(url);
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        var o = new SimulatorOptions();

        using var start = await client.PostFormAsync("admin/connections/edit", new()
        {
            ["isNew"] = "true", ["Name"] = "viaoauth", ["BaseUrl"] = h.Simulator.BaseUrl.ToString(), ["TimeZone"] = "Europe/Moscow",
            ["Mode"] = "oauth", ["ClientId"] = o.ClientId, ["ClientSecret"] = o.ClientSecret,
        });
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var consent = start.Headers.Location!;
        Assert.StartsWith(h.Simulator.BaseUrl + "oauth?client_id=" + o.ClientId, consent.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(o.ClientSecret, consent.ToString(), StringComparison.Ordinal);

        using var sim = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var approved = await sim.GetAsync(consent, TestContext.Current.CancellationToken);
        var back = approved.Headers.Location!;
        Assert.StartsWith(url + "admin/connections/oauth?code=", back.ToString(), StringComparison.Ordinal);

        using var forged = await client.GetAsync(back.PathAndQuery.Replace("state=", "state=0", StringComparison.Ordinal));
        Assert.Contains("unknown or expired", await forged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Null(await h.Get<ConnectionStore>().FindAsync("viaoauth", TestContext.Current.CancellationToken));

        // The forged attempt consumed the pending state (one try per consent): start again and complete it.
        using var again = await client.PostFormAsync("admin/connections/edit", new()
        {
            ["isNew"] = "true", ["Name"] = "viaoauth", ["BaseUrl"] = h.Simulator.BaseUrl.ToString(), ["TimeZone"] = "Europe/Moscow",
            ["Mode"] = "oauth", ["ClientId"] = o.ClientId, ["ClientSecret"] = o.ClientSecret,
        });
        using var approvedAgain = await sim.GetAsync(again.Headers.Location!, TestContext.Current.CancellationToken);
        using var done = await client.GetAsync(approvedAgain.Headers.Location!.PathAndQuery);
        Assert.True(done.StatusCode == HttpStatusCode.Redirect, await done.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var list = await client.GetStringAsync("admin/connections");
        var edit = await client.GetStringAsync("admin/connections/edit?name=viaoauth");

        var stored = await h.Get<ConnectionStore>().FindAsync("viaoauth", TestContext.Current.CancellationToken);
        var credentials = await h.Get<ConnectionStore>().ReadCredentialsAsync(stored!.Id, TestContext.Current.CancellationToken);
        Assert.Equal(KpiSync.Crm.Auth.CrmCredentials.OAuth, credentials.Kind);
        Assert.NotNull(credentials.RefreshToken);
        Assert.Contains("is connected to amoCRM", list, StringComparison.Ordinal);
        Assert.Contains("OAuth, client id " + o.ClientId, edit, StringComparison.Ordinal);
        foreach (var html in new[] { list, edit })
        {
            Assert.DoesNotContain(o.ClientSecret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(credentials.AccessToken, html, StringComparison.Ordinal);
            Assert.DoesNotContain(credentials.RefreshToken!, html, StringComparison.Ordinal);
        }

        var check = await h.Get<KpiSync.Scheduling.ConnectionCycle>().RunAsync("viaoauth", KpiSync.Sync.SyncRequest.Incremental, wait: true, TestContext.Current.CancellationToken);
        Assert.True(check!.Sync.Entities > 0);
    }

    [Fact]
    public async Task EditConnection_UnknownName_IsNotFound()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(EditConnection_UnknownName_IsNotFound));
        await using var _ = h;
        using var client = new DashboardClient(url);
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);

        using var get = await client.GetAsync("admin/connections/edit?name=nosuch");
        using var post = await client.PostFormAsync("admin/connections/edit", new()
        {
            ["isNew"] = "false", ["Name"] = "nosuch", ["BaseUrl"] = h.Simulator.BaseUrl.ToString(), ["Mode"] = "token", ["Token"] = "t",
        });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }
}
