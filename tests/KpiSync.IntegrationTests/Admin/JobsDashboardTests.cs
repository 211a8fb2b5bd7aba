using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;
using Npgsql;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>Hangfire's dashboard at /admin/jobs over real HTTP: behind our sign-in on every URL (pages, commands,
/// resources), the connection string hidden, "Trigger now" guarded by the antiforgery header, and each job linked to
/// its executions and syncs on our Runs page.</summary>
public sealed partial class JobsDashboardTests(PostgresServer server)
{
    /// <summary>Pages, commands, the stats poll and the combined scripts and styles (any version number matches).</summary>
    private static readonly string[] DashboardUrls =
    [
        "admin/jobs", "admin/jobs/", "admin/jobs/recurring", "admin/jobs/jobs/enqueued", "admin/jobs/jobs/enqueued/scheduled",
        "admin/jobs/jobs/processing", "admin/jobs/jobs/succeeded", "admin/jobs/jobs/failed", "admin/jobs/jobs/scheduled",
        "admin/jobs/jobs/deleted", "admin/jobs/jobs/awaiting", "admin/jobs/retries", "admin/jobs/servers", "admin/jobs/jobs/details/1",
        "admin/jobs/stats", "admin/jobs/recurring/trigger", "admin/jobs/recurring/remove", "admin/jobs/jobs/actions/requeue/1",
        "admin/jobs/jobs/actions/delete/1", "admin/jobs/jobs/failed/requeue", "admin/jobs/js18250", "admin/jobs/css18250",
        "admin/jobs/fonts/glyphicons-halflings-regular/woff2", "admin/jobs/no-such-page", "Admin/Jobs/Recurring",
    ];

    [Fact]
    public async Task EveryDashboardUrl_WithoutSession_RedirectsToSignIn_AndShowsNothing()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(EveryDashboardUrl_WithoutSession_RedirectsToSignIn_AndShowsNothing));
        await using var _ = h;
        await h.Get<RecurringCycles>().ReconcileAsync(TestContext.Current.CancellationToken);
        using var client = new DashboardClient(url);

        foreach (var path in DashboardUrls)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var request = new HttpRequestMessage(method, path);
                if (method == HttpMethod.Post)
                {
                    request.Content = new FormUrlEncodedContent([new("jobs[]", "cycle:sim")]);
                }

                using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path}: {(int)response.StatusCode}");
                Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                Assert.Equal("", body);
            }
        }

        // The refused trigger queued nothing.
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from hangfire.job"));
    }

    [Fact]
    public async Task SignedIn_TheDashboardListsTheCycle_LinksToOurPages_AndHidesTheConnectionString()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignedIn_TheDashboardListsTheCycle_LinksToOurPages_AndHidesTheConnectionString));
        await using var _ = h;
        await h.Get<RecurringCycles>().ReconcileAsync(TestContext.Current.CancellationToken);
        using var client = await SignedInAsync(url);

        // Our headers cover Hangfire's pages too (no framing, our Content-Security-Policy).
        using (var response = await client.GetAsync("admin/jobs"))
        {
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        var home = await client.GetStringAsync("admin/jobs");
        var recurring = await client.GetStringAsync("admin/jobs/recurring");
        Assert.Contains("KpiSync jobs", home, StringComparison.Ordinal);
        Assert.Contains("cycle:sim", recurring, StringComparison.Ordinal);
        Assert.Contains("0 3 1 1 *", recurring, StringComparison.Ordinal);

        var cs = new NpgsqlConnectionStringBuilder(h.ConnectionString);
        Assert.False(string.IsNullOrEmpty(cs.Password), "the test database has no password to look for");
        foreach (var path in new[] { "admin/jobs", "admin/jobs/recurring", "admin/jobs/servers", "admin/jobs/jobs/enqueued" })
        {
            var page = path == "admin/jobs" ? home : path == "admin/jobs/recurring" ? recurring : await client.GetStringAsync(path);
            Assert.DoesNotContain(cs.Password!, page, StringComparison.Ordinal);
            Assert.DoesNotContain(cs.Database!, page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("PostgreSQL Server", page, StringComparison.OrdinalIgnoreCase);
        }

        // The combined scripts and styles the page links to are served (under the same sign-in).
        foreach (Match m in AssetPattern().Matches(home))
        {
            using var asset = await client.GetAsync(m.Groups[1].Value.TrimStart('/'));
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{m.Groups[1].Value}: {(int)asset.StatusCode}");
        }

        Assert.Equal(2, AssetPattern().Count(home));

        // Hangfire's menu links to our Runs page, its "back to site" to our dashboard.
        var runsLink = Link(url, home, "KpiSync runs");
        Assert.Equal("/admin/runs", runsLink.AbsolutePath);
        Assert.Contains("<h1>Runs", await client.GetStringAsync(runsLink.PathAndQuery.TrimStart('/')), StringComparison.Ordinal);
        Assert.Contains("href=\"/admin\"", home, StringComparison.Ordinal);

        // Our navigation links to Hangfire's dashboard.
        var connections = await client.GetStringAsync("admin/connections");
        Assert.Equal("/admin/jobs", Link(url, connections, ">Jobs<").AbsolutePath);
    }

    [Fact]
    public async Task TriggerNow_WithoutTheAntiforgeryHeader_Is403_AndQueuesNothing_WithItTheCycleRuns()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(TriggerNow_WithoutTheAntiforgeryHeader_Is403_AndQueuesNothing_WithItTheCycleRuns));
        await using var _ = h;
        await h.Get<RecurringCycles>().ReconcileAsync(TestContext.Current.CancellationToken);
        using var client = await SignedInAsync(url);

        using (var refused = await client.PostAsync("admin/jobs/recurring/trigger", new() { ["jobs[]"] = "cycle:sim" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // A made-up token, or another session's, is refused too.
        var (header, token) = await HangfireTokenAsync(client, "admin/jobs/recurring");
        using (var forged = await TriggerAsync(client, header, "CfDJ8" + new string('A', 100)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }

        using (var other = await SignedInAsync(url))
        {
            var (_, otherToken) = await HangfireTokenAsync(other, "admin/jobs");
            using var borrowed = await TriggerAsync(client, header, otherToken);
            Assert.Equal(HttpStatusCode.Forbidden, borrowed.StatusCode);
        }

        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from hangfire.job"));
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.job_runs"));

        Assert.Equal("RequestVerificationToken", header);
        using (var accepted = await TriggerAsync(client, header, token))
        {
            Assert.True(accepted.IsSuccessStatusCode, $"trigger: {(int)accepted.StatusCode}");
        }

        await h.WaitUntilAsync("select exists (select 1 from kpisync.job_runs where kind = 'tick' and status = 'succeeded')", 120);
        Assert.Equal(1L, await h.ScalarAsync<long>("select count(*) from hangfire.job"));
        Assert.Equal(1L, await h.ScalarAsync<long>("select count(*) from kpisync.sync_runs where status = 'succeeded'"));
    }

    [Fact]
    public async Task TriggerNow_StillWorks_AfterAnotherHostInTheProcessWasDisposed()
    {
        // Hangfire logs through one process-wide provider, pointed at the host that started last: this one's is gone.
        var (h, url) = await DashboardHost.StartAsync(server, nameof(TriggerNow_StillWorks_AfterAnotherHostInTheProcessWasDisposed));
        await using var _ = h;
        await h.Get<RecurringCycles>().ReconcileAsync(TestContext.Current.CancellationToken);
        var (other, _) = await DashboardHost.StartAsync(server, nameof(TriggerNow_StillWorks_AfterAnotherHostInTheProcessWasDisposed) + "_other");
        await other.DisposeAsync();

        using var client = await SignedInAsync(url);
        var (header, token) = await HangfireTokenAsync(client, "admin/jobs/recurring");
        using (var accepted = await TriggerAsync(client, header, token))
        {
            Assert.True(accepted.IsSuccessStatusCode, $"trigger: {(int)accepted.StatusCode}");
        }

        await h.WaitUntilAsync("select exists (select 1 from kpisync.job_runs where kind = 'tick' and status = 'succeeded')", 120);
    }

    [Fact]
    public async Task AFinishedCyclesDetails_LinkToOurRunsPage_WhichShowsItsExecutionAndSync()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(AFinishedCyclesDetails_LinkToOurRunsPage_WhichShowsItsExecutionAndSync));
        await using var _ = h;
        await h.Get<RecurringCycles>().ReconcileAsync(TestContext.Current.CancellationToken);
        using var client = await SignedInAsync(url);
        var (header, token) = await HangfireTokenAsync(client, "admin/jobs/recurring");
        using (var accepted = await TriggerAsync(client, header, token))
        {
            Assert.True(accepted.IsSuccessStatusCode, $"trigger: {(int)accepted.StatusCode}");
        }

        await h.WaitUntilAsync("select exists (select 1 from kpisync.job_runs where kind = 'tick' and status = 'succeeded')", 120);
        var jobId = await h.ScalarAsync<string>("select job_id from kpisync.job_runs where kind = 'tick'");
        var runId = await h.ScalarAsync<long>("select id from kpisync.sync_runs where status = 'succeeded'");
        // Hangfire's own state follows our row by a moment (it is written after the job returns).
        await WaitForAsync(() =>
        {
            using var hangfire = h.Get<JobStorage>().GetConnection();
            return hangfire.GetStateData(jobId)?.Name == "Succeeded";
        });

        var details = await client.GetStringAsync("admin/jobs/jobs/details/" + jobId);
        Assert.Contains("Cycle sim", details, StringComparison.Ordinal);
        var link = Link(url, details, $">KpiSync runs for job #{jobId}<");
        Assert.Equal("/admin/runs", link.AbsolutePath);
        Assert.Equal("?job=" + jobId, link.Query);

        var runs = await client.GetStringAsync(link.PathAndQuery.TrimStart('/'));
        Assert.Contains("<h1>Runs of sim</h1>", runs, StringComparison.Ordinal);
        Assert.Contains($"Job #{jobId}", runs, StringComparison.Ordinal);
        var execution = Row(runs, $"<tr data-job=\"{jobId}\">");
        Assert.Contains("Cycle sim", execution, StringComparison.Ordinal);
        Assert.Contains("scheduled", execution, StringComparison.Ordinal);
        Assert.Matches("class=\"job-status ok\">succeeded<", execution);
        Assert.Equal(1, Count(runs, "<tr data-job="));
        Assert.Contains($"<tr data-run=\"{runId}\" data-status=\"succeeded\">", runs, StringComparison.Ordinal);
        Assert.Equal(1, Count(runs, "<tr data-run="));
        // And back: the execution links to the job's page in Hangfire's dashboard.
        Assert.Contains($"href=\"/admin/jobs/jobs/details/{jobId}\"", execution, StringComparison.Ordinal);
    }

    private static async Task<DashboardClient> SignedInAsync(Uri url)
    {
        var client = new DashboardClient(url);
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>The header name and token Hangfire's script sends with every POST, read from a dashboard page.</summary>
    private static async Task<(string Header, string Token)> HangfireTokenAsync(DashboardClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var header = MetaPattern().Matches(html).FirstOrDefault(m => m.Groups[1].Value == "csrf-header")?.Groups[2].Value;
        var token = MetaPattern().Matches(html).FirstOrDefault(m => m.Groups[1].Value == "csrf-token")?.Groups[2].Value;
        Assert.False(string.IsNullOrEmpty(header) || string.IsNullOrEmpty(token), $"no csrf meta tags on {page}");
        return (WebUtility.HtmlDecode(header!), WebUtility.HtmlDecode(token!));
    }

    private static Task<HttpResponseMessage> TriggerAsync(DashboardClient client, string header, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "admin/jobs/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "cycle:sim")]),
        };
        request.Headers.Add(header, token);
        return client.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The absolute URL of the first link whose markup contains <paramref name="text"/>, as a browser resolves it.</summary>
    private static Uri Link(Uri baseUrl, string html, string text)
    {
        var at = html.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no link with {text}");
        var start = html.LastIndexOf("<a ", at, StringComparison.Ordinal);
        var href = HrefPattern().Match(html[start..at]);
        Assert.True(href.Success, $"no href before {text}");
        return new Uri(baseUrl, WebUtility.HtmlDecode(href.Groups[1].Value));
    }

    private static string Row(string html, string start)
    {
        var at = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no row {start}");
        return html[at..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    private static int Count(string html, string markup) => html.Split(markup).Length - 1;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            if (condition())
            {
                return;
            }
        }

        Assert.Fail("not within 60 s");
    }

    [GeneratedRegex("<meta name=\"(csrf-header|csrf-token)\" content=\"([^\"]*)\"")]
    private static partial Regex MetaPattern();

    [GeneratedRegex("(?:src|href)=\"(/admin/jobs/(?:js|css)[0-9]+)\"")]
    private static partial Regex AssetPattern();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex HrefPattern();
}
