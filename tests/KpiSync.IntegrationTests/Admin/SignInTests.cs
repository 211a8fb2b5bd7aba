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
        Assert.Equal("/admin/kpis?connection=sim", right.Headers.Location!.OriginalString);
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
            settings: new() { ["Admin:LoginAttemptsPerUser"] = "3", ["Admin:LoginAttemptsPerIp"] = "5" });
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

        // Other user names from the same address: the per-IP limit (5 failures, 3 used) stops the third.
        using var a = await client.SignInAsync("other1", "x-password");
        using var b = await client.SignInAsync("other2", "x-password");
        using var c = await client.SignInAsync("other3", "x-password");
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, c.StatusCode);
    }

    [Fact]
    public async Task SignIn_RightPasswordMoreTimesThanTheLimit_AlwaysSignsIn()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignIn_RightPasswordMoreTimesThanTheLimit_AlwaysSignsIn),
            settings: new() { ["Admin:LoginAttemptsPerUser"] = "3", ["Admin:LoginAttemptsPerIp"] = "4" });
        await using var _ = h;
        for (var i = 0; i < 8; i++)
        {
            using var client = new DashboardClient(url);
            using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in {i + 1}: {(int)signedIn.StatusCode}");
        }

        // A typo between sign-ins is forgotten for this user at the next success (3 typos would otherwise reach the limit
        // of 3); the address keeps counting them, so a valid account cannot be used to reset a guesser's address.
        using var typist = new DashboardClient(url);
        for (var i = 0; i < 3; i++)
        {
            using var typo = await typist.SignInAsync(DashboardHost.User, "correct horse batery");
            using var right = await typist.SignInAsync(DashboardHost.User, DashboardHost.Password);
            Assert.Equal(HttpStatusCode.OK, typo.StatusCode);
            Assert.True(right.StatusCode == HttpStatusCode.Redirect, $"sign-in after typo {i + 1}: {(int)right.StatusCode}");
        }
    }

    [Fact]
    public async Task SignIn_GuessesFromOneAddress_AreStopped_AndDoNotLockTheAdminOutElsewhere()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignIn_GuessesFromOneAddress_AreStopped_AndDoNotLockTheAdminOutElsewhere));
        await using var _ = h;
        // The guesser reaches the node through the local reverse proxy, which names its address (honoured from loopback only).
        using var guesser = new DashboardClient(url);
        guesser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            using var guess = await guesser.SignInAsync(DashboardHost.User, "guess " + i);
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        }

        using var stopped = await guesser.SignInAsync(DashboardHost.User, "guess 5");
        using var stoppedRight = await guesser.SignInAsync(DashboardHost.User, DashboardHost.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stoppedRight.StatusCode);

        using var admin = new DashboardClient(url);
        using var signedIn = await admin.SignInAsync(DashboardHost.User, DashboardHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("admin/connections")).StatusCode);
    }

    [Fact]
    public async Task SignIn_LandsOnTheKpiTable_OrWhereTheReturnUrlSays()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignIn_LandsOnTheKpiTable_OrWhereTheReturnUrlSays));
        await using var _ = h;
        using var client = new DashboardClient(url);

        using var plain = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        using var home = await client.GetAsync("admin");
        var token = await client.TokenAsync("admin/login?returnUrl=%2Fadmin%2Fruns");
        using var returning = await client.PostAsync("admin/login", new()
        {
            ["userName"] = DashboardHost.User, ["password"] = DashboardHost.Password, ["returnUrl"] = "/admin/runs", ["__RequestVerificationToken"] = token,
        });
        await h.Get<ConnectionStore>().AddAsync("second", KpiSync.Crm.CrmKinds.AmoCrm, h.Simulator.BaseUrl, null,
            KpiSync.Crm.Auth.CrmCredentials.FromLongLivedToken(new KpiSync.CrmSimulator.SimulatorOptions().AccessToken), TestContext.Current.CancellationToken);
        using var two = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);

        Assert.Equal("/admin/kpis?connection=sim", plain.Headers.Location!.OriginalString);
        Assert.Equal("/admin/kpis?connection=sim", home.Headers.Location!.OriginalString);
        Assert.Equal("/admin/runs", returning.Headers.Location!.OriginalString);
        Assert.Equal("/admin/kpis", two.Headers.Location!.OriginalString);
        Assert.Contains("<h1", await client.GetStringAsync("admin/kpis?connection=sim"), StringComparison.Ordinal);
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
