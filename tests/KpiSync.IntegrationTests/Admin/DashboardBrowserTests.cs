using System.Globalization;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;
using Microsoft.Playwright;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The dashboard in a real browser (headless chromium): sign in, queue a full resync with its confirmation,
/// and watch the progress bar move and the run finish without a page reload (the CRM is paced to 8 requests/s so the
/// run lasts several seconds); and trigger a cycle from Hangfire's dashboard, under our headers and its antiforgery
/// check, then follow the job to its run on our Runs page.</summary>
[Collection(RunsAlone.Name)]
public sealed class DashboardBrowserTests(PostgresServer server)
{
    [Fact]
    public async Task SignIn_Resync_ProgressBarMovesWithoutReload_RunFinishes()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignIn_Resync_ProgressBarMovesWithoutReload_RunFinishes),
            CycleHarness.Options(employees: 8, months: 3, requestsPerSecond: 10),
            new() { ["Crm:RequestsPerSecond"] = "8", ["Sync:ProgressEvery"] = "00:00:00.300" },
            // The real clock (the account lies in the past of it): durations, records/s and the ETA need time to pass.
            clock: TimeProvider.System);
        await using var _ = h;
        var (playwright, browser) = await Browser.LaunchAsync();
        using var __ = playwright;
        await using var ___ = browser;
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync(url + "admin/runs");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "01-sign-in");
        await page.FillAsync("#userName", DashboardHost.User);
        await page.FillAsync("#password", DashboardHost.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/admin/runs");

        await page.GotoAsync(url + "admin/resync?connection=sim");
        await page.ClickAsync("#review-resync");
        await page.WaitForSelectorAsync("#confirm");
        Assert.Contains("everything in every stream", await page.InnerTextAsync("#confirm"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "02-resync-confirm");
        await page.ClickAsync("#start-resync");
        await page.WaitForURLAsync("**/admin/runs?connection=sim");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var widths = new List<double>();
        var bar = page.Locator("tr[data-status=running] .bar");
        try
        {
            await bar.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            // Timed out twice in full-suite runs (it passes alone; cause not found yet): say what the page and the database held.
            await Browser.ScreenshotAsync(page, "03-no-running-run");
            var runs = await Describe("select coalesce(string_agg(concat_ws(' ', id, kind, status, started_at, finished_at, pages, error), '; ' order by id), 'none') from kpisync.sync_runs");
            var jobs = await Describe("select coalesce(string_agg(concat_ws(' ', jobid, name, reason, createdat, data), '; ' order by id), 'none') from hangfire.state");
            var executions = await Describe("select coalesce(string_agg(concat_ws(' ', job_id, kind, node, status, started_at, finished_at, error), '; ' order by id), 'none') from kpisync.job_runs");
            throw new TimeoutException($"No running run with a progress bar within 60 s. Runs: {runs}. Job states: {jobs}. Executions: {executions}. Page: {await page.InnerTextAsync("#runs")}");
        }

        var shot = false;
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(120);)
        {
            var status = await page.GetAttributeAsync("#runs tbody tr", "data-status");
            if (status != "running")
            {
                break;
            }

            if (await bar.CountAsync() > 0 && await bar.GetAttributeAsync("aria-valuenow") is { } now)
            {
                widths.Add(double.Parse(now, CultureInfo.InvariantCulture));
                if (!shot && widths[^1] > 10)
                {
                    await Browser.ScreenshotAsync(page, "03-progress");
                    shot = true;
                }
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        await page.WaitForSelectorAsync("#runs tbody tr[data-status=succeeded]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await Browser.ScreenshotAsync(page, "04-finished");
        var row = await page.InnerTextAsync("#runs tbody tr");

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        var moving = widths.Where(w => w > 0).Distinct().ToList();
        Assert.True(moving.Count >= 3, "progress seen: " + string.Join(", ", widths));
        Assert.True(moving.SequenceEqual(moving.Order()) || moving[^1] > moving[0], "progress went backwards overall: " + string.Join(", ", widths));
        Assert.Contains("succeeded", row, StringComparison.Ordinal);
        Assert.Contains("100 %", row, StringComparison.Ordinal);
        Assert.Matches(@"\b[1-9]\d* s\b", await page.InnerTextAsync("#runs tbody tr .duration"));
        Assert.Equal(1L, await h.ScalarAsync<long>("select count(*) from kpisync.sync_runs where kind = 'full' and status = 'succeeded' and pages_estimate is not null"));

        async Task<string> Describe(string sql)
        {
            try
            {
                return await h.ScalarAsync<string>(sql);
            }
            catch (Npgsql.PostgresException e)
            {
                return e.MessageText;
            }
        }
    }

    [Fact]
    public async Task SignIn_TriggerTheCycleInHangfiresDashboard_FollowTheJobToItsFinishedRun()
    {
        var ct = TestContext.Current.CancellationToken;
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignIn_TriggerTheCycleInHangfiresDashboard_FollowTheJobToItsFinishedRun));
        await using var _ = h;
        await h.Get<RecurringCycles>().ReconcileAsync(ct);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var __ = playwright;
        await using var ___ = browser;
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        // Blocked scripts, styles or images (our Content-Security-Policy), script errors and failed requests.
        var problems = new List<string>();
        // The browser's own favicon.ico request is not the page's (our pages name no icon, so it is a 404).
        page.Console += (_, m) =>
        {
            if (m.Type is ("error" or "warning") && !m.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                lock (problems)
                {
                    problems.Add($"{m.Type} on {page.Url}: {m.Text} ({m.Location})");
                }
            }
        };
        page.PageError += (_, e) => { lock (problems) { problems.Add($"script error on {page.Url}: {e}"); } };
        page.RequestFailed += (_, r) => { lock (problems) { problems.Add($"{r.Method} {r.Url} failed: {r.Failure}"); } };
        page.Response += (_, r) => { if (r.Status >= 400) { lock (problems) { problems.Add($"{r.Request.Method} {r.Url}: {r.Status}"); } } };

        await page.GotoAsync(url + "admin/connections");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#userName", DashboardHost.User);
        await page.FillAsync("#password", DashboardHost.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/admin/connections");

        // Our menu's "Jobs" opens Hangfire's dashboard; its script polls the stats (a POST with the antiforgery header).
        var stats = page.WaitForResponseAsync(r => r.Url.EndsWith("/admin/jobs/stats", StringComparison.Ordinal));
        await page.ClickAsync("header nav a:text-is('Jobs')");
        await page.WaitForURLAsync("**/admin/jobs");
        Assert.Equal(200, (await stats).Status);
        await Browser.ScreenshotAsync(page, "05-jobs-dashboard");

        await page.ClickAsync("a[href='/admin/jobs/recurring']");
        await page.WaitForURLAsync("**/admin/jobs/recurring");
        await page.CheckAsync("input.js-jobs-list-checkbox[value='cycle:sim']");
        await Browser.ScreenshotAsync(page, "06-recurring-selected");
        // Hangfire's script reloads the page once the trigger is accepted.
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Load += (_, _) => reloaded.TrySetResult();
        var trigger = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button.js-jobs-list-command:has-text('Trigger now')"),
            r => r.Url.EndsWith("/admin/jobs/recurring/trigger", StringComparison.Ordinal));
        Assert.True(trigger.Ok, $"trigger: {trigger.Status}");
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        await h.WaitUntilAsync("select exists (select 1 from kpisync.job_runs where kind = 'tick')", 120);
        var jobId = await h.ScalarAsync<string>("select job_id from kpisync.job_runs where kind = 'tick'");

        // The recurring job's last execution links to the job's page, and that to our Runs page for the job.
        await page.ClickAsync($"a[href='/admin/jobs/jobs/details/{jobId}']");
        await page.WaitForURLAsync($"**/admin/jobs/jobs/details/{jobId}");
        await Browser.ScreenshotAsync(page, "07-job-details");
        await page.ClickAsync($"a:has-text('KpiSync runs for job #{jobId}')");
        await page.WaitForURLAsync($"**/admin/runs?job={jobId}");

        var status = page.Locator($"#jobs tr[data-job='{jobId}'] .job-status");
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(120) && await status.InnerTextAsync() != "succeeded";)
        {
            await Task.Delay(1000, ct);
            await page.ReloadAsync();
        }

        await Browser.ScreenshotAsync(page, "08-runs-of-the-job");
        Assert.Equal("succeeded", await status.InnerTextAsync());
        Assert.Equal("succeeded", await page.GetAttributeAsync("#runs tbody tr", "data-status"));
        Assert.Equal(1, await page.Locator("#runs tbody tr").CountAsync());

        // Hangfire's menu has our Runs page too.
        await page.GotoAsync(url + "admin/jobs");
        await page.ClickAsync(".navbar a:has-text('KpiSync runs')");
        await page.WaitForURLAsync("**/admin/runs");
        Assert.Equal("succeeded", await page.Locator($"#jobs tr[data-job='{jobId}'] .job-status").InnerTextAsync());

        lock (problems)
        {
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }
}
