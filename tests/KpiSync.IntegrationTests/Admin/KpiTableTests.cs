using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The KPI table as a sales director reads it, checked on the rendered HTML against the stored values: a team
/// row (sums, medians for ratios), money in the account's currency, plan attainment coloured with a legend, one small
/// explain link per value instead of every number underlined, and the scheme in its own column.</summary>
public sealed partial class KpiTableTests(PostgresServer server)
{
    [Fact]
    public async Task KpiTable_TeamRow_Currency_Attainment_ExplainIcons_SchemeColumn()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(KpiTable_TeamRow_Currency_Attainment_ExplainIcons_SchemeColumn));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        Assert.Equal("RUB", await h.ScalarAsync<string>("select settings ->> 'currency' from kpisync.connections where name = 'sim'"));

        // Decoded: the page encodes every non-ASCII character (₽ is &#x20BD;).
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("admin/kpis?connection=sim&period=2026-09&cols=calls,conversion,revenue,pay_total"));
        var team = Regex.Match(html, "<tr id=\"team\">.*?</tr>", RegexOptions.Singleline).Value;
        var calls = await Values(h, "calls");
        Assert.Contains($">{calls.Sum().ToString("#,##0.##", CultureInfo.InvariantCulture)}<", team, StringComparison.Ordinal);
        var conversion = (await Values(h, "conversion")).Order().ToList();
        var median = conversion.Count % 2 == 1 ? conversion[conversion.Count / 2] : (conversion[conversion.Count / 2 - 1] + conversion[conversion.Count / 2]) / 2;
        Assert.Contains($">{(median * 100).ToString("0.0", CultureInfo.InvariantCulture)} %<", team, StringComparison.Ordinal);
        Assert.Contains("median", team, StringComparison.Ordinal);
        Assert.Contains($">{(await Values(h, "pay_total")).Sum().ToString("#,##0.00", CultureInfo.InvariantCulture)} ₽<", team, StringComparison.Ordinal);

        var body = Regex.Match(html, "<tbody>.*?</tbody>", RegexOptions.Singleline).Value;
        Assert.All(Regex.Matches(body, "<td class=\"[^\"]*\" data-key=\"revenue\"><span class=\"v\">([^<]*)</span>").Select(m => m.Groups[1].Value),
            v => Assert.True(v == "—" || v.EndsWith(" ₽", StringComparison.Ordinal), v));

        // Every calls plan is 20: the class follows the share of it met.
        var byEmployee = await KpiDashboardData.ListAsync<string>(h, "select employee_id || '|' || value from kpisync.kpi_values where period = '2026-09' and indicator = 'calls' and value is not null");
        foreach (var (employee, value) in byEmployee.Select(x => x.Split('|')).Select(x => (x[0], decimal.Parse(x[1], CultureInfo.InvariantCulture))))
        {
            var row = Regex.Match(body, $"<tr data-employee=\"{employee}\">.*?</tr>", RegexOptions.Singleline).Value;
            var css = Regex.Match(row, "<td class=\"([^\"]*)\" data-key=\"calls\">").Groups[1].Value.Split(' ');
            Assert.Contains(value / 20 >= 1 ? "met" : value / 20 >= 0.9m ? "near" : "missed", css);
        }

        var legend = Regex.Match(html, "<p id=\"legend\".*?</p>", RegexOptions.Singleline).Value;
        Assert.All(["met", "near", "missed"], k => Assert.Contains($"class=\"{k}\"", legend, StringComparison.Ordinal));

        // Numbers are plain text; each value has one small explain link beside it.
        Assert.DoesNotMatch(@"<a [^>]*>[-\d,.]+( %| ₽)?</a>", body);
        var cells = Regex.Count(body, "<span class=\"v\">");
        Assert.True(cells > 0);
        Assert.Equal(cells - Regex.Count(body, "<span class=\"v\">—</span>"), Regex.Count(body, "<a class=\"why\" href=\"[^\"]*/admin/kpis/explain\\?"));

        Assert.Matches("<th>Scheme</th>", html);
        var scheme = await h.ScalarAsync<string>("select scheme_name || ' v' || scheme_version from kpisync.payouts where period = '2026-09' limit 1");
        Assert.Equal(Regex.Count(body, "<tr data-employee="), Regex.Count(body, $"<td class=\"scheme\">{Regex.Escape(scheme)}</td>"));
        Assert.All(Regex.Matches(body, "<td class=\"employee\">(.*?)</td>", RegexOptions.Singleline), m => Assert.DoesNotContain(scheme, m.Value, StringComparison.Ordinal));
    }

    private static Task<List<decimal>> Values(CycleHarness h, string indicator) =>
        KpiDashboardData.ListAsync<decimal>(h, $"select value from kpisync.kpi_values where period = '2026-09' and indicator = '{indicator}' and value is not null");
}
