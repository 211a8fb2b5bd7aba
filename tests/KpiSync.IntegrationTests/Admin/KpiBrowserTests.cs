using KpiSync.IntegrationTests.Support;
using Microsoft.Playwright;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The KPI side of the dashboard in headless chromium: sign in, open the KPI table, click a value through to
/// its explanation with links into the CRM, look at the goal charts, and download the payroll XLSX and read it back.</summary>
[Collection(RunsAlone.Name)]
public sealed class KpiBrowserTests(PostgresServer server)
{
    [Fact]
    public async Task SignIn_OpenKpis_ClickValue_SeesExplanationWithCrmLink_DownloadsPayrollXlsx()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SignIn_OpenKpis_ClickValue_SeesExplanationWithCrmLink_DownloadsPayrollXlsx));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var __ = playwright;
        await using var ___ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync(url + "admin/kpis?connection=sim&period=2026-09");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#userName", DashboardHost.User);
        await page.FillAsync("#password", DashboardHost.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/admin/kpis?connection=sim&period=2026-09");
        await page.ClickAsync("th a[data-sort=deals_won]");
        await page.WaitForURLAsync("**sort=deals_won**");
        await Browser.ScreenshotAsync(page, "10-kpis");

        var top = page.Locator("#kpis tbody tr").First.Locator("a[data-key=deals_won]");
        var shown = await top.InnerTextAsync();
        await top.ClickAsync();
        await page.WaitForSelectorAsync("#formula");
        Assert.Contains("Deals won = " + shown, await page.InnerTextAsync("#explained"), StringComparison.Ordinal);
        var links = page.Locator("#records a.crm-link");
        Assert.True(await links.CountAsync() > 0, "no CRM record links");
        Assert.StartsWith(h.Simulator.BaseUrl + "leads/detail/", await links.First.GetAttributeAsync("href"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "11-explanation");

        await page.ClickAsync("text=goals");
        await page.WaitForSelectorAsync("#plan-chart svg");
        await Browser.ScreenshotAsync(page, "12-goals");

        await page.GotoAsync(url + "admin/kpis?connection=sim&period=2026-09");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-payroll-xlsx"));
        Assert.Equal("payroll-sim-2026-09.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Browser.ScreenshotDirectory, "payroll-sim-2026-09.xlsx");
        await download.SaveAsAsync(path);
        TestContext.Current.AddAttachment("payroll.xlsx", path);
        var sheet = XlsxReader.Read(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(await h.ScalarAsync<long>("select count(*) from kpisync.payouts where period = '2026-09'"), sheet.Count - 2);
        Assert.Equal(await h.ScalarAsync<decimal>("select sum(total) from kpisync.payouts where period = '2026-09'"), sheet[^1]["G"].Number);
    }
}
