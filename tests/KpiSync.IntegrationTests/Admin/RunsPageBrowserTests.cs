using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using Microsoft.Playwright;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The runs page in a real browser while a first cycle runs and ends: the row updates in place and ends as it
/// is stored (a first sync is full, its quarantined count shown), and the "queued" banner goes once the run is over.</summary>
[Collection(RunsAlone.Name)]
public sealed class RunsPageBrowserTests(PostgresServer server)
{
    [Fact]
    public async Task RunNow_FirstCycle_RowEndsFullWithItsQuarantinedCount_AndTheQueuedBannerGoes()
    {
        var ct = TestContext.Current.CancellationToken;
        var probe = await AmoCrmSimulator.StartAsync(CycleHarness.Options(), ct);
        var bad = probe.State.Leads[10].Id;
        await probe.DisposeAsync();
        var (h, url) = await DashboardHost.StartAsync(server, nameof(RunNow_FirstCycle_RowEndsFullWithItsQuarantinedCount_AndTheQueuedBannerGoes),
            CycleHarness.Options(malformed: [bad], requestsPerSecond: 10), new() { ["Crm:RequestsPerSecond"] = "8", ["Sync:ProgressEvery"] = "00:00:00.300" });
        await using var _ = h;
        var (playwright, browser) = await Browser.LaunchAsync();
        using var __ = playwright;
        await using var ___ = browser;
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(url + "admin/login");
        await page.FillAsync("#userName", DashboardHost.User);
        await page.FillAsync("#password", DashboardHost.Password);
        await page.ClickAsync("button[type=submit]");
        // Commit, not load: on a busy machine the load event of a page that starts polling at once can come late.
        await page.WaitForURLAsync("**/admin/kpis**", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

        await page.GotoAsync(url + "admin/connections");
        await page.ClickAsync("button:has-text('Run now')");
        await page.WaitForURLAsync("**/admin/runs?connection=sim", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        Assert.Contains("is queued", await page.InnerTextAsync(".notice"), StringComparison.Ordinal);
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        await page.WaitForSelectorAsync("#runs tbody tr[data-status=succeeded]", new PageWaitForSelectorOptions { Timeout = 90_000 });

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        Assert.Equal(1L, await h.ScalarAsync<long>("select count(*) from kpisync.sync_runs where kind = 'full' and quarantined = 1"));
        Assert.Equal("full", (await page.InnerTextAsync("#runs tbody tr td:nth-child(3)")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#runs tbody tr .quarantined")).Trim());
        Assert.Equal(0, await page.Locator(".notice").CountAsync());
    }
}
