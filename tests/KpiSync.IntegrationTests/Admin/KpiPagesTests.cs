using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The KPI pages over real HTTP on real data (a simulator cycle, the Sales scheme, plans): server-side sort,
/// the leaderboard, low-sample marks, explanations down to CRM links, goal charts, and closing a period from the
/// dashboard (frozen, pending adjustments flagged, audited with the admin's name).</summary>
public sealed partial class KpiPagesTests(PostgresServer server)
{
    private static readonly string[] Months = ["2026-05", "2026-08", "2026-09", "2026-10"];

    [Fact]
    public async Task KpiTable_SortsServerSide_RanksLeaderboard_MarksLowSample_LinksExplanations()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(KpiTable_SortsServerSide_RanksLeaderboard_MarksLowSample_LinksExplanations));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);

        var sorted = await client.GetStringAsync("admin/kpis?connection=sim&period=2026-09&cols=calls,conversion,pay_total&sort=calls&dir=desc");
        var calls = Values(sorted, "calls");
        Assert.Equal(await KpiDashboardData.ListAsync<decimal>(h, "select value from kpisync.kpi_values where period = '2026-09' and indicator = 'calls' and value is not null order by value desc"), calls);
        Assert.True(calls.Distinct().Count() > 1, "calls should differ between employees: " + string.Join(", ", calls));
        Assert.Equal(await h.ScalarAsync<long>("select count(*) from kpisync.kpi_values where period = '2026-09' and indicator = 'conversion' and low_sample"),
            Regex.Count(sorted, "data-key=\"conversion\"><span class=\"v\">[^<]*</span><abbr class=\"low\""));
        Assert.Contains("plan 20", sorted, StringComparison.Ordinal);

        var ascending = Values(await client.GetStringAsync("admin/kpis?connection=sim&period=2026-09&cols=calls,pay_total&sort=pay_total&dir=asc"), "pay_total");
        Assert.Equal(await KpiDashboardData.ListAsync<decimal>(h, "select value from kpisync.kpi_values where period = '2026-09' and indicator = 'pay_total' order by value"), ascending);

        var board = await client.GetStringAsync("admin/kpis?connection=sim&period=2026-09&view=leaderboard&rank=kpi_index");
        var best = await h.ScalarAsync<long>("select employee_id from kpisync.kpi_values where period = '2026-09' and indicator = 'kpi_index' order by value desc, employee_id limit 1");
        Assert.Matches($"<tr data-employee=\"{best}\">\\s*<td class=\"num rank\">1</td>", board);

        var winner = await h.ScalarAsync<long>("select employee_id from kpisync.kpi_values where period = '2026-09' and indicator = 'deals_won' order by value desc, employee_id limit 1");
        var explain = await client.GetStringAsync($"admin/kpis/explain?connection=sim&period=2026-09&employee={winner}&indicator=deals_won");
        Assert.Contains("<p id=\"formula\">deals whose final close", explain, StringComparison.Ordinal);
        Assert.Matches($"href=\"{Regex.Escape(h.Simulator.BaseUrl.ToString())}leads/detail/\\d+\" class=\"crm-link\"", explain);
        var pay = await client.GetStringAsync($"admin/kpis/explain?connection=sim&period=2026-09&employee={winner}&indicator=pay_total");
        Assert.Contains("id=\"pay-lines\"", pay, StringComparison.Ordinal);
        Assert.Contains(">band_table<", pay, StringComparison.Ordinal);
        Assert.Contains(">per_unit_penalty<", pay, StringComparison.Ordinal);
        using var missing = await client.GetAsync($"admin/kpis/explain?connection=sim&period=2026-09&employee={winner}&indicator=no_such_key");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        var goals = await client.GetStringAsync($"admin/kpis/employee?connection=sim&period=2026-10&employee={winner}");
        Assert.Equal(3, Regex.Count(Regex.Match(goals, "<div id=\"plan-chart\">.*?</svg>", RegexOptions.Singleline).Value, "<text x=\"0\""));
        var months = Regex.Match(goals, "<figure data-key=\"kpi_index\">.*?</svg>", RegexOptions.Singleline).Value;
        Assert.All(Months, m => Assert.Contains(">" + DateTime.ParseExact(m, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMM yyyy", CultureInfo.InvariantCulture) + "</text>", months, StringComparison.Ordinal));
        Assert.Equal(await h.ScalarAsync<long>($"select count(*) from kpisync.kpi_values where employee_id = {winner} and indicator = 'kpi_index' and value is not null and period between '2025-11' and '2026-10'"),
            Regex.Count(months, "<circle "));
    }

    [Fact]
    public async Task ClosePeriod_AfterConfirmation_FreezesFlagsAdjustmentsAndAuditsTheAdmin_ReopenUnfreezes()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(ClosePeriod_AfterConfirmation_FreezesFlagsAdjustmentsAndAuditsTheAdmin_ReopenUnfreezes));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);

        var confirm = await client.GetStringAsync("admin/periods?connection=sim&confirm=close&period=2026-09");
        Assert.Contains("Close 2026-09?", confirm, StringComparison.Ordinal);
        using var close = await client.PostFormAsync("admin/periods?handler=Close", new() { ["connection"] = "sim", ["period"] = "2026-09" }, "admin/periods?connection=sim");
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.Equal("closed|admin", await h.ScalarAsync<string>("select status || '|' || changed_by from kpisync.periods where period = '2026-09'"));
        Assert.Equal("admin", await h.ScalarAsync<string>("select actor from kpisync.audit_log where action = 'period.close'"));

        // A later CRM change to the frozen month, as a recompute records it.
        var someone = await h.ScalarAsync<long>("select employee_id from kpisync.kpi_values where period = '2026-09' and indicator = 'calls' order by employee_id limit 1");
        await h.ScalarAsync<int>($"""
            insert into kpisync.kpi_adjustments (connection_id, employee_id, period, indicator, frozen_value, current_value, detected_at)
            select connection_id, employee_id, period, indicator, value, value + 1, now() from kpisync.kpi_values
            where period = '2026-09' and indicator = 'calls' and employee_id = {someone} returning 1
            """);
        var frozen = await client.GetStringAsync("admin/kpis?connection=sim&period=2026-09&cols=calls");
        Assert.Contains("id=\"frozen\"", frozen, StringComparison.Ordinal);
        Assert.Contains("closed</b>: its values and pay are frozen (by admin", frozen, StringComparison.Ordinal);
        Assert.Contains("<span id=\"pending\">1 value(s) differ", frozen, StringComparison.Ordinal);
        Assert.Contains("<abbr class=\"adj\"", Regex.Match(frozen, $"<tr data-employee=\"{someone}\">.*?</tr>", RegexOptions.Singleline).Value, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(frozen, "<abbr class=\"adj\""));
        Assert.Contains("<td class=\"num\">1</td>", await client.GetStringAsync("admin/periods?connection=sim"), StringComparison.Ordinal);

        using var reopen = await client.PostFormAsync("admin/periods?handler=Reopen", new() { ["connection"] = "sim", ["period"] = "2026-09" }, "admin/periods?connection=sim");
        Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        Assert.Equal("open|admin", await h.ScalarAsync<string>("select status || '|' || changed_by from kpisync.periods where period = '2026-09'"));
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_adjustments"));
        Assert.DoesNotContain("id=\"frozen\"", await client.GetStringAsync("admin/kpis?connection=sim&period=2026-09"), StringComparison.Ordinal);
    }

    /// <summary>The numbers shown in a column's body cells, in page order (as the page formats them, separators and units removed).</summary>
    private static List<decimal> Values(string html, string key) =>
        Regex.Matches(Regex.Match(html, "<tbody>.*?</tbody>", RegexOptions.Singleline).Value, $"data-key=\"{key}\"><span class=\"v\">([^<]+)</span>")
            .Select(m => Regex.Replace(WebUtility.HtmlDecode(m.Groups[1].Value), "[^-0-9.—]", ""))
            .Where(v => v != "—").Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToList();
}
