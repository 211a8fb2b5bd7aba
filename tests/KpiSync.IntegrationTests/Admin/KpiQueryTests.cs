using System.Net;
using System.Text.RegularExpressions;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>A bad month, connection, employee or indicator in a KPI page's query is answered with 400 and a message
/// saying what exists, never with another month's (or connection's) numbers.</summary>
public sealed partial class KpiQueryTests(PostgresServer server)
{
    [Fact]
    public async Task BadQuery_Returns400_SaysWhatIsValid_NeverShowsAnotherMonth()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(BadQuery_Returns400_SaysWhatIsValid_NeverShowsAnotherMonth));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        var months = await KpiDashboardData.ListAsync<string>(h, "select distinct period from kpisync.kpi_values order by period");

        var month = await BadAsync(client, "admin/kpis?connection=sim&period=2026-13");
        Assert.Contains("2026-13", month.Message, StringComparison.Ordinal);
        Assert.All(months, m => Assert.Contains(m, month.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("<table id=\"kpis\"", month.Html, StringComparison.Ordinal);

        Assert.Contains("calls", (await BadAsync(client, "admin/kpis?connection=sim&period=2026-09&cols=calz")).Message, StringComparison.Ordinal);
        Assert.Contains("sim", (await BadAsync(client, "admin/kpis?connection=nope&period=2026-09")).Message, StringComparison.Ordinal);

        var someone = await h.ScalarAsync<long>("select employee_id from kpisync.kpi_values where period = '2026-09' order by employee_id desc limit 1");
        Assert.Contains($"#{someone}", (await BadAsync(client, "admin/kpis/employee?connection=sim&period=2026-09&employee=999999")).Message, StringComparison.Ordinal);
        Assert.Contains("2026-09", (await BadAsync(client, "admin/kpis/employee?connection=sim&period=2026-13&employee=1")).Message, StringComparison.Ordinal);

        var employee = await h.ScalarAsync<long>("select employee_id from kpisync.kpi_values where period = '2026-09' order by employee_id limit 1");
        var indicator = await BadAsync(client, $"admin/kpis/explain?connection=sim&period=2026-09&employee={employee}&indicator=no_such_key");
        Assert.Contains("deals_won", indicator.Message, StringComparison.Ordinal);
        Assert.Contains("2026-09", (await BadAsync(client, $"admin/kpis/explain?connection=sim&period=2026-13&employee={employee}&indicator=calls")).Message, StringComparison.Ordinal);
    }

    private static async Task<(string Html, string Message)> BadAsync(DashboardClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        var message = BadQuery().Match(html);
        Assert.True(message.Success, $"{path}: no message on the page");
        return (html, message.Groups[1].Value);
    }

    [GeneratedRegex("<div class=\"error\" id=\"bad-query\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex BadQuery();
}
