using System.Net;
using System.Text;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The payroll of a month that is not closed yet is marked provisional in its file name and on its first line
/// (XLSX and CSV); once the month is closed the same download is the plain payroll.</summary>
public sealed class KpiProvisionalExportTests(PostgresServer server)
{
    [Fact]
    public async Task PayrollOfOpenMonth_IsMarkedProvisional_ClosedMonthIsNot()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(PayrollOfOpenMonth_IsMarkedProvisional_ClosedMonthIsNot));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        var payouts = await h.ScalarAsync<long>("select count(*) from kpisync.payouts where period = '2026-09'");

        var (name, sheet) = await XlsxAsync(client);
        Assert.Equal("payroll-sim-2026-09-provisional.xlsx", name);
        Assert.StartsWith("PROVISIONAL: 2026-09 is not closed", sheet[0]["A"].Text, StringComparison.Ordinal);
        Assert.Equal("employee", sheet[1]["A"].Text);
        Assert.Equal(payouts, sheet.Count - 3);
        Assert.Equal($"SUM(G3:G{sheet.Count - 1})", sheet[^1]["G"].Formula);
        var (csvName, lines) = await CsvAsync(client);
        Assert.Equal("payroll-sim-2026-09-provisional.csv", csvName);
        Assert.StartsWith("PROVISIONAL: 2026-09 is not closed", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("employee;", lines[1], StringComparison.Ordinal);

        using var close = await client.PostFormAsync("admin/periods?handler=Close", new() { ["connection"] = "sim", ["period"] = "2026-09" }, "admin/periods?connection=sim");
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        (name, sheet) = await XlsxAsync(client);
        Assert.Equal("payroll-sim-2026-09.xlsx", name);
        Assert.Equal("employee", sheet[0]["A"].Text);
        Assert.Equal(payouts, sheet.Count - 2);
        (csvName, lines) = await CsvAsync(client);
        Assert.Equal("payroll-sim-2026-09.csv", csvName);
        Assert.StartsWith("employee;", lines[0], StringComparison.Ordinal);
    }

    private static async Task<(string Name, List<Dictionary<string, XlsxCell>> Sheet)> XlsxAsync(DashboardClient client)
    {
        using var response = await client.GetAsync("admin/exports/payroll.xlsx?connection=sim&period=2026-09");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
        return (name, XlsxReader.Read(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
    }

    private static async Task<(string Name, string[] Lines)> CsvAsync(DashboardClient client)
    {
        using var response = await client.GetAsync("admin/exports/payroll.csv?connection=sim&period=2026-09");
        var name = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return (name, Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}
