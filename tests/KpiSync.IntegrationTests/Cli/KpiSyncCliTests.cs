using System.Text.Json;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>The executable itself: exit codes, one-line errors on bad input, and no token in any output.</summary>
public sealed class KpiSyncCliTests(PostgresServer server)
{
    private static readonly Dictionary<string, string> Unlimited = new() { ["Crm__RequestsPerSecond"] = "0" };

    [Theory]
    [InlineData("not-a-url")]
    [InlineData("ftp://example.amocrm.ru")]
    [InlineData("/relative/path")]
    public async Task ConnectionsAdd_MalformedBaseUrl_ExitsWithOneLineReason(string url)
    {
        var r = await KpiSyncProcess.RunAsync(null, null, "connections", "add", "amocrm", "--name", "x", "--base-url", url, "--token", "secret-token-1");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: --base-url '{url}' is not an absolute http(s) URL, e.g. https://example.amocrm.ru", r.Error.Trim());
        Assert.DoesNotContain("secret-token-1", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpi_BadPeriod_ExitsWithOneLineReason()
    {
        var r = await KpiSyncProcess.RunAsync(null, null, "kpi", "--connection", "demo", "--period", "2026-13");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --period '2026-13' is not a month (2026-10), an ISO week (2026-W43) or a day (2026-10-20)", r.Error.Trim());
    }

    [Theory]
    [InlineData("kpi", "--connection", "nope", "--period", "2026-10")]
    [InlineData("sync", "--connection", "nope")]
    [InlineData("push", "--connection", "nope")]
    public async Task Commands_UnknownConnection_ExitWithOneLineReason(params string[] args)
    {
        var cs = await server.CreateDatabaseAsync("unknown_" + args[0]);

        var r = await KpiSyncProcess.RunAsync(cs, null, args);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: unknown connection 'nope': " + "there are no connections yet; add one with 'kpisync connections add amocrm --name N --base-url URL --token T' (or run 'kpisync demo')", r.Error.Trim());
    }

    [Fact]
    public async Task Startup_BadConfigValue_FailsNamingTheKey()
    {
        var cs = await server.CreateDatabaseAsync("badconfig");

        var r = await KpiSyncProcess.RunAsync(cs, new Dictionary<string, string> { ["Crm__RequestsPerSecond"] = "-3" }, "connections", "list");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Crm:RequestsPerSecond must be between 0 and 1000.", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0/15 * * * ?")]
    [InlineData("0 0/15 * * * ? *")]
    public async Task Serve_QuartzStyleCycleCron_FailsAtStartUp_WithOneLineGivingTheFiveFieldCron(string cron)
    {
        var cs = await server.CreateDatabaseAsync("quartzcron");
        var settings = new Dictionary<string, string> { ["Scheduling__CycleCron"] = cron, ["Urls"] = $"http://127.0.0.1:{CycleHarness.FreePort()}" };

        var r = await KpiSyncProcess.RunAsync(cs, settings, "serve");

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"error: serve: Scheduling:CycleCron '{cron}' is a Quartz-style expression", line, StringComparison.Ordinal);
        Assert.EndsWith("Use '*/15 * * * *'.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSyncRecomputePushKpi_AgainstTheSimulator_PrintJsonAndNeverTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await server.CreateDatabaseAsync("cli_cycle");
        const string Token = "sim-long-lived-token";
        await using var sim = await AmoCrmSimulator.StartAsync(new SimulatorOptions { Employees = 3, Months = 1, RequestsPerSecond = 0 }, ct);
        var period = TimeZoneInfo.ConvertTime(sim.State.Anchor, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var outputs = new List<KpiSyncProcess.Result>
        {
            await KpiSyncProcess.RunAsync(cs, Unlimited, "connections", "add", "amocrm", "--name", "sim", "--base-url", sim.BaseUrl.ToString(), "--token", Token),
            await KpiSyncProcess.RunAsync(cs, Unlimited, "connections", "list"),
            await KpiSyncProcess.RunAsync(cs, Unlimited, "sync", "--connection", "sim"),
            await KpiSyncProcess.RunAsync(cs, Unlimited, "recompute", "--connection", "sim"),
            await KpiSyncProcess.RunAsync(cs, Unlimited, "push", "--connection", "sim"),
        };
        var json = await KpiSyncProcess.RunAsync(cs, Unlimited, "kpi", "--connection", "sim", "--period", period, "--json");
        var table = await KpiSyncProcess.RunAsync(cs, Unlimited, "kpi", "--connection", "sim", "--period", period);
        outputs.Add(json);
        outputs.Add(table);

        Assert.All(outputs, r => Assert.True(r.ExitCode == 0, r.All));
        Assert.All(outputs, r => Assert.DoesNotContain(Token, r.All, StringComparison.Ordinal));
        Assert.All(outputs, r => Assert.DoesNotContain(" ERR ", r.All, StringComparison.Ordinal)); // e.g. the key ring read before migrations
        Assert.Contains("sim", outputs[1].Output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        var byEmployee = rows.GroupBy(r => r.GetProperty("employee_id").GetInt64()).ToList();
        Assert.Equal(3, byEmployee.Count);
        Assert.All(byEmployee, e => Assert.Subset(e.Select(r => r.GetProperty("indicator").GetString()!).ToHashSet(), KpiSync.Kpis.Indicators.IndicatorKeys.All.ToHashSet()));
        var conversion = rows.First(r => r.GetProperty("indicator").GetString() == "conversion");
        Assert.Equal(["employee_id", "employee", "period", "indicator", "value", "low_sample"], conversion.EnumerateObject().Select(p => p.Name));
        Assert.Equal(period, conversion.GetProperty("period").GetString());
        Assert.True(conversion.GetProperty("low_sample").GetBoolean());
        Assert.Contains(sim.State.Users[0].Name, table.Output, StringComparison.Ordinal);
        Assert.Single(sim.State.Catalogs);
    }

    [Fact]
    public async Task DemoOnce_PrintsTheKpiTableWithIndexAndPay_ASecondRunKeepsTheScheme()
    {
        var cs = await server.CreateDatabaseAsync("demo_once");
        var settings = new Dictionary<string, string> { ["Demo__Employees"] = "3", ["Demo__Months"] = "1" };

        var r = await KpiSyncProcess.RunAsync(cs, settings, "demo", "--once");
        var again = await KpiSyncProcess.RunAsync(cs, settings, "demo", "--once");
        var schemes = await KpiSyncProcess.RunAsync(cs, null, "schemes", "list", "--connection", "demo");

        Assert.True(r.ExitCode == 0, r.All);
        Assert.Contains("KPIs of 'demo' for ", r.Output, StringComparison.Ordinal);
        Assert.Contains("Pay scheme 'Sales rep (demo)' assigned to 3 reps", r.Output, StringComparison.Ordinal);
        var lines = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rule = Array.FindIndex(lines, l => l.StartsWith("-----", StringComparison.Ordinal));
        // The table ends where the demo's next steps begin.
        var rows = lines.Skip(rule + 1).TakeWhile(l => !l.StartsWith("Dashboard:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.EndsWith("KPI index          Pay", lines[rule - 1].TrimEnd(), StringComparison.Ordinal);
        // Every rep ends with an index (a percentage) and pay (money): plans exist and the scheme applied.
        Assert.All(rows, row => Assert.Matches(@"\s\d+(\.\d)? %\s+\d{1,3}(,\d{3})*\.\d{2}\s*$", row));

        // The index explained: its terms against the plans, every number to at most 6 places (ratios are exact to 28).
        var name = System.Text.RegularExpressions.Regex.Match(rows[0], @"^(.+?)\s{2,}\d").Groups[1].Value;
        var explain = await KpiSyncProcess.RunAsync(cs, null, "explain", "--connection", "demo", "--employee", name, "--period", System.Text.RegularExpressions.Regex.Match(r.Output, @"KPIs of 'demo' for (\S+) \(").Groups[1].Value, "--indicator", "kpi_index");
        Assert.True(explain.ExitCode == 0, explain.All);
        Assert.Contains("index terms:", explain.Output, StringComparison.Ordinal);
        Assert.Contains("linear_bonus: ", explain.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d\.\d{7}", explain.Output);

        Assert.True(again.ExitCode == 0, again.All);
        Assert.DoesNotContain("Pay scheme", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, schemes.Output.Split('\n').Count(l => l.Contains("Sales rep (demo)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Quarantine_ListRetryDismiss_ShowsTheRecordAndItsReasonAndKeepsItOutOnceDismissed()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await server.CreateDatabaseAsync("cli_quarantine");
        var options = new SimulatorOptions { Employees = 2, Months = 1, RequestsPerSecond = 0 };
        await using var probe = await AmoCrmSimulator.StartAsync(options, ct);
        var bad = probe.State.Leads[3].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var sim = await AmoCrmSimulator.StartAsync(new SimulatorOptions { Employees = 2, Months = 1, RequestsPerSecond = 0, MalformedLeadIds = [probe.State.Leads[3].Id] }, ct);
        await KpiSyncProcess.RunAsync(cs, Unlimited, "connections", "add", "amocrm", "--name", "sim", "--base-url", sim.BaseUrl.ToString(), "--token", "sim-long-lived-token");
        await KpiSyncProcess.RunAsync(cs, Unlimited, "sync", "--connection", "sim");

        var list = await KpiSyncProcess.RunAsync(cs, Unlimited, "quarantine", "list", "--connection", "sim", "--raw");
        var id = list.Output.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var retry = await KpiSyncProcess.RunAsync(cs, Unlimited, "quarantine", "retry", "--connection", "sim", "--id", id);
        var dismiss = await KpiSyncProcess.RunAsync(cs, Unlimited, "quarantine", "dismiss", "--connection", "sim", "--id", id);
        await KpiSyncProcess.RunAsync(cs, Unlimited, "sync", "--connection", "sim", "--full");
        var after = await KpiSyncProcess.RunAsync(cs, Unlimited, "quarantine", "list", "--connection", "sim");
        var unknown = await KpiSyncProcess.RunAsync(cs, Unlimited, "quarantine", "dismiss", "--connection", "sim", "--id", "999999");

        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains(bad, list.Output, StringComparison.Ordinal);
        Assert.Contains("does not parse", list.Output, StringComparison.Ordinal);
        Assert.Contains("not-a-number", list.Output, StringComparison.Ordinal);
        Assert.Equal(1, retry.ExitCode);
        Assert.Contains("still rejected", retry.Output, StringComparison.Ordinal);
        Assert.True(dismiss.ExitCode == 0, dismiss.All);
        Assert.True(after.Output.Contains("0 entries.", StringComparison.Ordinal), after.Output);
        Assert.Equal(2, unknown.ExitCode);
    }
}
