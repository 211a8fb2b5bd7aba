using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>The demo ends by saying where the dashboard is and how to get into it, and says what it did with an existing connection.</summary>
public sealed class DemoNextStepsCliTests(PostgresServer server)
{
    private static readonly Dictionary<string, string> Small = new() { ["Demo__Employees"] = "2", ["Demo__Months"] = "1", ["Urls"] = "http://127.0.0.1:5999" };

    [Fact]
    public async Task DemoOnce_Twice_EndsWithTheDashboardAndTheFirstAdminCommand_SecondSaysTheConnectionExisted()
    {
        var cs = await server.CreateDatabaseAsync("demo_next");

        var first = await KpiSyncProcess.RunAsync(cs, Small, "demo", "--once");
        var admin = await KpiSyncProcess.RunWithInputAsync(cs, "demo-password-1\n", "admins", "add", "--user", "boss", "--password-stdin");
        var second = await KpiSyncProcess.RunAsync(cs, Small, "demo", "--once");

        Assert.True(first.ExitCode == 0, first.All);
        Assert.Contains("Added connection 'demo' for the simulator.", first.Output, StringComparison.Ordinal);
        var lines = first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Dashboard: run 'kpisync demo' (or 'kpisync serve') without --once and open http://127.0.0.1:5999/admin", lines[^2]);
        Assert.Equal("No dashboard admin yet; create the first one with: kpisync admins add --user admin", lines[^1]);
        Assert.True(admin.ExitCode == 0, admin.All);
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("Connection 'demo' already exists (an earlier demo): pointed it at this simulator", second.Output, StringComparison.Ordinal);
        Assert.EndsWith("Sign in as 'boss'.", second.Output.TrimEnd(), StringComparison.Ordinal);
    }
}
