using System.Net;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Sign-in against the admins table over real HTTP: wrong passwords, the rate limit, sign-out, removed accounts.</summary>
public sealed class SignInTests(PostgresServer server)
{
    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownUser_SameAnswerNoSession_RightPasswordOpensTheDashboard()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignIn_WrongPasswordOrUnknownUser_SameAnswerNoSession_RightPasswordOpensTheDashboard));
        await using var _ = h;
        using var client = new DashboardClient(url);

        using var wrong = await client.SignInAsync(DashboardHost.User, "not the password");
        using var unknown = await client.SignInAsync("nobody", DashboardHost.Password);
        var wrongHtml = await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var unknownHtml = await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var stillOut = await client.GetAsync("admin/connections");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Wrong user name or password.", wrongHtml, StringComparison.Ordinal);
        Assert.Contains("Wrong user name or password.", unknownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", wrongHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);

        using var right = await client.SignInAsync("ADMIN", DashboardHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/admin", right.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync("admin/connections");
        Assert.Contains(">sim</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(new KpiSync.CrmSimulator.SimulatorOptions().AccessToken, page, StringComparison.Ordinal);

        using var signOut = await client.PostFormAsync("admin/logout", [], "admin/connections");
        using var afterSignOut = await client.GetAsync("admin/connections");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task SignIn_OverTheLimitPerUserOrPerIp_Is429WithAClearMessage_EvenWithTheRightPassword()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignIn_OverTheLimitPerUserOrPerIp_Is429WithAClearMessage_EvenWithTheRightPassword),
            settings: new() { ["Admin:LoginAttemptsPerUser"] = "3", ["Admin:LoginAttemptsPerIp"] = "6" });
        await using var _ = h;
        using var client = new DashboardClient(url);
        for (var i = 0; i < 3; i++)
        {
            using var attempt = await client.SignInAsync(DashboardHost.User, "guess " + i);
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }

        using var limited = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        var html = await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts", html, StringComparison.Ordinal);
        Assert.NotNull(limited.Headers.RetryAfter);
        using var stillOut = await client.GetAsync("admin/connections");
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);

        // Other user names from the same address: the per-IP limit (6 attempts, 4 used) stops the third.
        using var a = await client.SignInAsync("other1", "x-password");
        using var b = await client.SignInAsync("other2", "x-password");
        using var c = await client.SignInAsync("other3", "x-password");
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, c.StatusCode);
    }

    [Fact]
    public async Task RemovedAdmin_LosesTheSessionAtTheNextRequest()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(RemovedAdmin_LosesTheSessionAtTheNextRequest));
        await using var _ = h;
        using var client = new DashboardClient(url);
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("admin/jobs")).StatusCode);

        Assert.True(await h.Get<AdminStore>().RemoveAsync(DashboardHost.User, TestContext.Current.CancellationToken));
        using var after = await client.GetAsync("admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
