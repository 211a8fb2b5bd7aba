using KpiSync.IntegrationTests.Support;
using Microsoft.Playwright;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>A sales director's first visit in headless chromium: sign in, read the KPI table, open the best seller's
/// page, follow a value to its explanation with links into the CRM, and download the payroll XLSX and read it back.
/// Each step is a screenshot; the table and the explanation are also copied to artifacts/screenshots/ at the
/// repository root for the docs.</summary>
[Collection(RunsAlone.Name)]
public sealed class KpiBrowserTests(PostgresServer server)
{
    // Generous because the machine may be busy, bounded so a hang still fails.
    private const float Timeout = 120_000;

    [Fact]
    public async Task DirectorPath_SignIn_KpiTable_Employee_Explanation_PayrollXlsx()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(DirectorPath_SignIn_KpiTable_Employee_Explanation_PayrollXlsx));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var __ = playwright;
        await using var ___ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.SetDefaultNavigationTimeout(Timeout);

        // Where sign-in lands is not this test's business: wait for the sign-in post to be answered and its page to
        // load, then go to the KPI table explicitly.
        await page.GotoAsync(url + "admin/login");
        await page.FillAsync("#userName", DashboardHost.User);
        await page.FillAsync("#password", DashboardHost.Password);
        var signIn = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"),
            r => r.Request.Method == "POST" && r.Url.Contains("/admin/login", StringComparison.Ordinal));
        Assert.True(signIn.Status is 302 or 303, $"sign-in answered {signIn.Status}");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.GotoAsync(url + "admin/kpis?connection=sim&period=2026-09&sort=deals_won&dir=desc");
        await page.WaitForSelectorAsync("#kpis tfoot #team");
        await Browser.ScreenshotAsync(page, "10-kpi-table");
        Publish("10-kpi-table", "kpi-table.png");

        var best = page.Locator("#kpis tbody tr").First;
        var name = await best.Locator("td.employee a").InnerTextAsync();
        await best.Locator("td.employee a").ClickAsync();
        await page.WaitForSelectorAsync("#trends figure[data-key=deals_won] svg");
        Assert.Contains(name, await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "11-employee");

        var shown = await page.Locator("#all-values tr[data-key=deals_won] td.num").First.InnerTextAsync();
        await page.Locator("#all-values tr[data-key=deals_won] a.why").ClickAsync();
        await page.WaitForSelectorAsync("#formula");
        Assert.Contains("Deals won = " + shown.Trim(), await page.InnerTextAsync("#explained"), StringComparison.Ordinal);
        var links = page.Locator("#records a.crm-link");
        Assert.True(await links.CountAsync() > 0, "no CRM record links");
        Assert.StartsWith(h.Simulator.BaseUrl + "leads/detail/", await links.First.GetAttributeAsync("href"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "12-explanation");
        Publish("12-explanation", "explanation.png");

        await page.GotoAsync(url + "admin/kpis?connection=sim&period=2026-09");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-payroll-xlsx"));
        Assert.Equal("payroll-sim-2026-09-provisional.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Browser.ScreenshotDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        TestContext.Current.AddAttachment("payroll.xlsx", path);
        var sheet = XlsxReader.Read(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.StartsWith("PROVISIONAL", sheet[0]["A"].Text, StringComparison.Ordinal);
        Assert.Equal(await h.ScalarAsync<long>("select count(*) from kpisync.payouts where period = '2026-09'"), sheet.Count - 3);
        Assert.Equal(await h.ScalarAsync<decimal>("select sum(total) from kpisync.payouts where period = '2026-09'"), sheet[^1]["G"].Number);
    }

    /// <summary>Copies a screenshot to artifacts/screenshots/ under the repository root (found from the test binaries).</summary>
    private static void Publish(string screenshot, string fileName)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "KpiSync.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var target = Path.Combine(root.FullName, "artifacts", "screenshots");
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(Browser.ScreenshotDirectory, screenshot + ".png"), Path.Combine(target, fileName), overwrite: true);
    }
}
