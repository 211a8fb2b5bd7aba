using System.Globalization;
using KpiSync.IntegrationTests.Support;
using Microsoft.Playwright;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The dashboard in a real browser (headless chromium): sign in, queue a full resync with its confirmation,
/// and watch the progress bar move and the run finish without a page reload. The CRM is paced to 8 requests/s so the
/// run lasts several seconds.</summary>
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
            var triggers = await Describe("select coalesce(string_agg(concat_ws(' ', job_name, trigger_state, next_fire_time), '; '), 'none') from quartz.qrtz_triggers");
            throw new TimeoutException($"No running run with a progress bar within 60 s. Runs: {runs}. Triggers: {triggers}. Page: {await page.InnerTextAsync("#runs")}");
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
}
