using Microsoft.Playwright;

namespace KpiSync.IntegrationTests.Support;

/// <summary>Debian's headless chromium driven by Playwright (no browser download), and screenshots kept as test
/// artifacts under TestResults/screenshots beside the test binaries.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, path);
    }
}
