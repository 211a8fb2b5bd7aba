using System.Text.RegularExpressions;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The employee page lists every indicator the rep has a value for (not only the scheme's) and draws a
/// twelve-month trend of the main ones as SVG with month labels and value ticks — also for a rep without a scheme.</summary>
public sealed class KpiEmployeeTests(PostgresServer server)
{
    private static readonly string[] Trend = ["calls", "meetings", "deals_won", "revenue", "conversion", "kpi_index"];

    [Fact]
    public async Task EmployeePage_ListsEveryValue_DrawsTrendsWithAxes_AlsoWithoutScheme()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(EmployeePage_ListsEveryValue_DrawsTrendsWithAxes_AlsoWithoutScheme));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);

        var rep = await h.ScalarAsync<long>("select employee_id from kpisync.kpi_values where period = '2026-09' and indicator = 'deals_won' order by value desc, employee_id limit 1");
        var html = await client.GetStringAsync($"admin/kpis/employee?connection=sim&period=2026-09&employee={rep}");
        var stored = await KpiDashboardData.ListAsync<string>(h, $"select indicator from kpisync.kpi_values where period = '2026-09' and employee_id = {rep} and value is not null order by indicator");
        Assert.True(stored.Count > 3, "too few values to compare: " + string.Join(", ", stored));
        var listed = Regex.Matches(Regex.Match(html, "<table id=\"all-values\">.*?</table>", RegexOptions.Singleline).Value, "<tr data-key=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(stored, listed);

        foreach (var key in Trend)
        {
            var chart = Regex.Match(html, $"<figure data-key=\"{key}\">.*?</figure>", RegexOptions.Singleline).Value;
            Assert.Contains("<svg ", chart, StringComparison.Ordinal);
            Assert.Contains(">Sep 2026<", chart, StringComparison.Ordinal);
            Assert.Contains(">Oct 2025<", chart, StringComparison.Ordinal);
            Assert.True(Regex.Count(chart, "<text class=\"tick\"") >= 2, key + ": no value ticks");
            var months = await h.ScalarAsync<long>($"select count(*) from kpisync.kpi_values where employee_id = {rep} and indicator = '{key}' and value is not null and period between '2025-10' and '2026-09'");
            Assert.Equal(months, Regex.Count(chart, "<circle "));
        }

        // A rep with values but no scheme and no plan still gets the list and the trend.
        await h.ScalarAsync<int>("insert into kpisync.crm_users (connection_id, crm_id, name) select id, 990001, 'Newcomer' from kpisync.connections where name = 'sim' returning 1");
        await h.ScalarAsync<int>("""
            insert into kpisync.kpi_values (connection_id, employee_id, period, indicator, value)
            select id, 990001, p, 'calls', v from kpisync.connections, (values ('2026-08', 7), ('2026-09', 11)) as x(p, v) where name = 'sim' returning 1
            """);
        var newcomer = await client.GetStringAsync("admin/kpis/employee?connection=sim&period=2026-09&employee=990001");
        Assert.Contains("<tr data-key=\"calls\">", newcomer, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(Regex.Match(newcomer, "<figure data-key=\"calls\">.*?</figure>", RegexOptions.Singleline).Value, "<circle "));
    }
}
