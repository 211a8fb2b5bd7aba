using System.Text.Json;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>
/// The KPI engine's commands as an admin runs them: schemes, assignments and plans in, index and pay out, one value
/// explained down to CRM records, and bad files refused whole with every mistake named.
/// </summary>
public sealed class KpiEngineCliTests(PostgresServer server)
{
    private const string Scheme = """
        {
          "name": "Sales manager",
          "fixed": 560,
          "indicators": [
            { "key": "calls", "weight": 0.5, "direction": "higher_is_better" },
            { "key": "deals_won", "weight": 0.25, "direction": "higher_is_better" },
            { "key": "meetings", "weight": 0.25, "direction": "higher_is_better" }
          ],
          "components": [ { "kind": "linear_bonus", "variable": 240, "threshold": 0.7 } ]
        }
        """;

    [Fact]
    public async Task SchemeAssignmentAndPlans_GiveIndexAndPay_ThatExplainShowsTermByTerm()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "cli_schemes");
        await h.RunCycleAsync();
        var rep = h.Simulator.State.Users[0];
        var dir = Directory.CreateTempSubdirectory("kpisync-cli-").FullName;
        var schemeFile = Path.Combine(dir, "scheme.json");
        var plansFile = Path.Combine(dir, "plans.csv");
        await File.WriteAllTextAsync(schemeFile, Scheme, ct);
        await File.WriteAllTextAsync(plansFile, $"employee;period;indicator;plan\n{rep.Id};2026-10;calls;20\n{rep.Name};2026-10;deals_won;2\n{rep.Id};2026-10;meetings;3\n", ct);

        var import = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "schemes", "import", "-c", "sim", "--file", schemeFile, "--author", "director");
        var assign = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "employees", "assign", "-c", "sim", "--employee", rep.Name, "--scheme", "Sales manager");
        var plans = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "plans", "import", "-c", "sim", "--file", plansFile);
        var recompute = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "recompute", "-c", "sim");
        var list = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "schemes", "list", "-c", "sim");
        var kpi = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "kpi", "-c", "sim", "--period", "2026-10", "--json");
        var explainIndex = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "explain", "-c", "sim", "-e", rep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-p", "2026-10", "-i", "kpi_index");
        var explainCalls = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "explain", "-c", "sim", "-e", rep.Name, "-p", "2026-10", "-i", "deals_won", "--records", "0");

        foreach (var r in new[] { import, assign, plans, recompute, list, kpi, explainIndex, explainCalls })
        {
            Assert.True(r.ExitCode == 0, r.All);
        }

        Assert.Contains("Scheme 'Sales manager' v1 stored; in force from every period", import.Output, StringComparison.Ordinal);
        Assert.Contains("director", list.Output, StringComparison.Ordinal);
        var values = JsonDocument.Parse(kpi.Output).RootElement.EnumerateArray()
            .Where(v => v.GetProperty("employee_id").GetInt64() == rep.Id)
            .ToDictionary(v => v.GetProperty("indicator").GetString()!, v => v.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetProperty("value").GetDecimal());
        var index = 0.5m * values["calls"]!.Value / 20 + 0.25m * values["deals_won"]!.Value / 2 + 0.25m * values["meetings"]!.Value / 3;
        Assert.Equal(index, values["kpi_index"]!.Value, 10);
        var pay = index >= 0.7m ? 560 + Math.Round(240 * index, 2, MidpointRounding.AwayFromZero) : 560;
        Assert.Equal(pay, values["pay_total"]);
        Assert.Contains("index terms:", explainIndex.Output, StringComparison.Ordinal);
        Assert.Contains("calls: weight 0.5", explainIndex.Output, StringComparison.Ordinal);
        Assert.Contains("linear_bonus", explainIndex.Output, StringComparison.Ordinal);
        // Pay lines read like a payslip: to the cent, though the amounts behind them are exact.
        Assert.Matches(@"├─ linear_bonus: [\d,]+\.\d\d   ", explainIndex.Output);
        Assert.Contains($"deals_won = {values["deals_won"]}", explainCalls.Output, StringComparison.Ordinal);
        var won = explainCalls.Output.Split('\n').Count(l => l.Contains("/leads/detail/", StringComparison.Ordinal));
        Assert.Equal((int)values["deals_won"]!.Value, won);
    }

    [Fact]
    public async Task Kpi_ForAnIsoWeek_IsComputedOnTheFly_AndMatchesTheSimulatorsCalls()
    {
        await using var h = await CycleHarness.StartAsync(server, "cli_week");
        await h.RunCycleAsync();
        var monday = new DateTimeOffset(2026, 10, 12, 0, 0, 0, TimeSpan.FromHours(3));

        var r = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "kpi", "-c", "sim", "--period", "2026-W42", "--json");

        Assert.True(r.ExitCode == 0, r.All);
        var calls = JsonDocument.Parse(r.Output).RootElement.EnumerateArray()
            .Where(v => v.GetProperty("indicator").GetString() == "calls")
            .ToDictionary(v => v.GetProperty("employee_id").GetInt64(), v => v.GetProperty("value").GetDecimal());
        Assert.All(JsonDocument.Parse(r.Output).RootElement.EnumerateArray(), v => Assert.Equal("2026-W42", v.GetProperty("period").GetString()));
        foreach (var user in h.Simulator.State.Users)
        {
            var expected = h.Simulator.State.Notes.Count(n => n.ResponsibleUserId == user.Id && n.CreatedAt >= monday && n.CreatedAt < monday.AddDays(7)
                && (n.CallStatus == 4 || (n.CallStatus is null && n.DurationSeconds > 0)));
            Assert.Equal(expected, calls.GetValueOrDefault(user.Id));
        }

        Assert.True(calls.Values.Sum() > 0);
    }

    [Fact]
    public async Task SchemesImport_InvalidScheme_ExitsNamingEveryBadPath_AndStoresNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "cli_bad_scheme");
        var file = Path.Combine(Directory.CreateTempSubdirectory("kpisync-cli-").FullName, "bad.json");
        await File.WriteAllTextAsync(file, """
            { "name": "Bad", "fixed": -1,
              "indicators": [ { "key": "calls", "weight": 0.7, "direction": "sideways" } ],
              "components": [ { "kind": "lottery" } ] }
            """, ct);

        var r = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "schemes", "import", "-c", "sim", "--file", file);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("$.fixed", r.Error, StringComparison.Ordinal);
        Assert.Contains("$.indicators[0].direction", r.Error, StringComparison.Ordinal);
        Assert.Contains("$.components[0].kind", r.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_schemes"));
    }

    [Fact]
    public async Task PlansImport_BadLines_ExitsWithLineNumbers_AndImportsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "cli_bad_plans");
        await h.RunCycleAsync();
        var rep = h.Simulator.State.Users[0];
        var file = Path.Combine(Directory.CreateTempSubdirectory("kpisync-cli-").FullName, "plans.csv");
        await File.WriteAllTextAsync(file, $"employee,period,indicator,plan\n{rep.Id},2026-10,calls,20\nnobody,2026-10,calls,20\n{rep.Id},2026-13,calls,20\n{rep.Id},2026-10,calls,lots\n", ct);

        var r = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "plans", "import", "-c", "sim", "--file", file);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("3 bad line(s); nothing was imported", r.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: no single employee 'nobody'", r.Error, StringComparison.Ordinal);
        Assert.Contains("line 4: period '2026-13' is not YYYY-MM", r.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: plan 'lots' is not a number", r.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_plans"));
    }

    [Fact]
    public async Task SchemesAndPlansImport_MisspeltIndicator_ExitWithTheCloseMatch_AndStoreNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "cli_unknown_indicator");
        await h.RunCycleAsync();
        var rep = h.Simulator.State.Users[0];
        var dir = Directory.CreateTempSubdirectory("kpisync-cli-").FullName;
        var schemeFile = Path.Combine(dir, "typo.json");
        await File.WriteAllTextAsync(schemeFile, """
            { "name": "Typo", "fixed": 100,
              "indicators": [ { "key": "calls", "weight": 0.5, "direction": "higher_is_better" },
                              { "key": "convertion", "weight": 0.5, "direction": "higher_is_better" } ] }
            """, ct);
        var plansFile = Path.Combine(dir, "plans.csv");
        await File.WriteAllTextAsync(plansFile, $"employee,period,indicator,plan\n{rep.Id},2026-10,calls,20\n{rep.Id},2026-10,callz,20\n", ct);

        var scheme = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "schemes", "import", "-c", "sim", "--file", schemeFile);
        var plans = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "plans", "import", "-c", "sim", "--file", plansFile);

        Assert.Equal(2, scheme.ExitCode);
        Assert.Contains("$.indicators[1].key: unknown indicator 'convertion'; did you mean 'conversion'? Known: calls, ", scheme.Error, StringComparison.Ordinal);
        Assert.Equal(2, plans.ExitCode);
        Assert.Contains("line 3: unknown indicator 'callz'; did you mean 'calls'? Known: calls, ", plans.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_schemes"));
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_plans"));
    }
}
