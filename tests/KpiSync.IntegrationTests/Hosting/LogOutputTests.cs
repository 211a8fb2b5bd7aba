using System.Text.RegularExpressions;
using Hangfire;
using KpiSync.Hosting;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;

namespace KpiSync.IntegrationTests.Hosting;

/// <summary>What the default console shows: one line per start-up's migrations, one line per failure (the stack in the
/// error log), HTTP requests only at Debug.</summary>
public sealed class LogOutputTests(PostgresServer server)
{
    [Theory]
    [InlineData("Debug", 2)]
    [InlineData("Information", 0)]
    public async Task Serve_Requests_OneLineEachAtDebug_NoneAtInformation(string level, int expected)
    {
        var logs = new LogCapture();
        var (h, url) = await DashboardHost.StartAsync(server, "requests_" + level, settings: logs.Settings(level));
        await using (h)
        {
            using var client = new DashboardClient(url);
            // The sign-in page answers 200 from the first moment; /health may say 503 until the job server has registered.
            await client.GetStringAsync("admin/login");
            await client.GetStringAsync("admin/login");
        }

        var lines = logs.ConsoleLines();
        Assert.Equal(expected, lines.Count(l => l.Contains("HTTP GET /admin/login responded 200", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("Request starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_LogsOneLineForAllMigrations_ThenUpToDate()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await server.CreateDatabaseAsync("migration_lines");
        var first = new LogCapture();
        var second = new LogCapture();

        await (await KpiSyncSession.StartAsync(HostMode.Cli, Settings(first, cs), ct)).DisposeAsync();
        await (await KpiSyncSession.StartAsync(HostMode.Cli, Settings(second, cs), ct)).DisposeAsync();

        var applied = Assert.Single(first.ConsoleLines(), l => l.Contains("migration", StringComparison.OrdinalIgnoreCase));
        var match = Regex.Match(applied, @"Applied (\d+) migrations, now at (\d+)$");
        Assert.True(match.Success, applied);
        Assert.True(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 1, applied);
        var upToDate = Assert.Single(second.ConsoleLines(), l => l.Contains("migration", StringComparison.OrdinalIgnoreCase));
        Assert.EndsWith($"Migrations up to date ({match.Groups[2].Value})", upToDate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_FailingCycle_OneErrorLineWithTheReason_StackOnlyInTheErrorLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new LogCapture();
        var settings = logs.Settings("Information");
        settings["Crm:MaxRetries"] = "0";
        var simulator = CycleHarness.Options(faults: new KpiSync.CrmSimulator.SimulatorFaults { ServerErrors = 1 });
        var (h, _) = await DashboardHost.StartAsync(server, "failing_cycle_log", simulator, settings);
        string reason;
        await using (h)
        {
            await h.Get<RecurringCycles>().ReconcileAsync(ct);
            var job = h.Get<IRecurringJobManagerV2>().TriggerJob(RecurringCycles.IdFor(CycleHarness.ConnectionName));
            await h.WaitUntilAsync($"select exists (select 1 from kpisync.job_runs where job_id = '{job}' and status = 'failed')");
            reason = await h.ScalarAsync<string>($"select error from kpisync.job_runs where job_id = '{job}'");
        }

        var lines = logs.ConsoleLines();
        var failure = Assert.Single(lines, l => l.Contains("failed: ", StringComparison.Ordinal) && l.Contains(CycleHarness.ConnectionName, StringComparison.Ordinal));
        Assert.Contains(" ERR ", failure, StringComparison.Ordinal);
        Assert.EndsWith(reason, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.Contains(reason, logs.ErrorLog(), StringComparison.Ordinal);
        Assert.Matches(@"\n\s+at KpiSync\.", logs.ErrorLog());
    }

    private static Dictionary<string, string?> Settings(LogCapture logs, string connectionString)
    {
        var settings = logs.Settings("Information");
        settings["ConnectionStrings:KpiSync"] = connectionString;
        return settings;
    }
}
