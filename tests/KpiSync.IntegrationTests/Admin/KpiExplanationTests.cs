using System.Net;
using System.Text.RegularExpressions;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>An explanation reads in the account's terms: times in the connection's time zone (as PostgreSQL converts
/// them), amoCRM call statuses by name, links shown as the full CRM address, and pay lines to the cent.</summary>
public sealed class KpiExplanationTests(PostgresServer server)
{
    private static readonly Dictionary<string, string> Statuses = new()
    {
        ["1"] = "left a message", ["2"] = "call back later", ["3"] = "not available", ["4"] = "conversation",
        ["5"] = "wrong number", ["6"] = "no answer", ["7"] = "line busy", ["8"] = "undefined",
    };

    [Fact]
    public async Task Explanation_LocalTimes_CallStatusNames_FullCrmLinks_PayLinesInCents()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(Explanation_LocalTimes_CallStatusNames_FullCrmLinks_PayLinesInCents));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        var zone = await h.ScalarAsync<string>("select time_zone from kpisync.connections where name = 'sim'");
        Assert.NotEqual("UTC", zone);

        var rep = await h.ScalarAsync<long>("select employee_id from kpisync.kpi_values where period = '2026-09' and indicator = 'calls' order by value desc, employee_id limit 1");
        var html = await client.GetStringAsync($"admin/kpis/explain?connection=sim&period=2026-09&employee={rep}&indicator=calls");
        Assert.Contains($"Times are in {zone}", html, StringComparison.Ordinal);
        var records = Regex.Match(html, "<table id=\"records\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.DoesNotMatch(@"\d\d:\d\d:\d\dZ", records);
        Assert.DoesNotMatch(@"status \d", records);
        var rows = Regex.Matches(records, "<tr><td><code>([^<]+)</code></td><td>([^<]*)</td>").Take(10).ToList();
        Assert.NotEmpty(rows);
        var named = 0;
        foreach (var row in rows)
        {
            var key = row.Groups[1].Value;
            var note = WebUtility.HtmlDecode(row.Groups[2].Value);
            var fact = (await KpiDashboardData.ListAsync<string>(h, $"""
                select to_char(occurred_at at time zone '{zone}', 'YYYY-MM-DD HH24:MI') || '|' || coalesce(outcome::text, '')
                from kpisync.funnel_events where source_key = '{key}'
                """)).Single().Split('|');
            Assert.Contains("at " + fact[0], note, StringComparison.Ordinal);
            if (fact[1].Length > 0)
            {
                Assert.Contains("status: " + Statuses[fact[1]], note, StringComparison.Ordinal);
                named++;
            }
        }

        Assert.True(named > 0, "no call with a status to check");

        var winner = await h.ScalarAsync<long>("select employee_id from kpisync.kpi_values where period = '2026-09' and indicator = 'deals_won' order by value desc, employee_id limit 1");
        var won = await client.GetStringAsync($"admin/kpis/explain?connection=sim&period=2026-09&employee={winner}&indicator=deals_won");
        var baseUrl = await h.ScalarAsync<string>("select base_url from kpisync.connections where name = 'sim'");
        var links = Regex.Matches(won, "<a href=\"([^\"]+)\" class=\"crm-link\"[^>]*>([^<]+)</a>").ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l =>
        {
            Assert.Equal(l.Groups[1].Value, l.Groups[2].Value);
            Assert.Matches($"^{Regex.Escape(baseUrl.TrimEnd('/'))}/leads/detail/\\d+$", l.Groups[2].Value);
        });

        var pay = await client.GetStringAsync($"admin/kpis/explain?connection=sim&period=2026-09&employee={winner}&indicator=pay_total");
        var amounts = Regex.Matches(Regex.Match(pay, "<table id=\"pay-lines\">.*?</table>", RegexOptions.Singleline).Value, "<tr><td>[^<]*</td><td class=\"num\">([^<]*)</td>")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(amounts);
        Assert.All(amounts, a => Assert.Matches(@"^-?\d{1,3}(,\d{3})*\.\d\d$", a));
    }
}
