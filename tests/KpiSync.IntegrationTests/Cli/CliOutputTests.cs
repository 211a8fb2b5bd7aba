using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>What commands print on success: counts in words, what a user needs to go on.</summary>
public sealed class CliOutputTests(PostgresServer server)
{
    [Fact]
    public async Task Simulator_PrintsTheTokenItAccepts()
    {
        // Closed stdin stops the simulator right after its first lines.
        var r = await KpiSyncProcess.RunWithInputAsync(null, "", "simulator", "--employees", "1", "--months", "1");

        Assert.True(r.ExitCode == 0, r.All);
        Assert.Contains("simulator accepts the long-lived token sim-long-lived-token", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminsList_CountsInWords()
    {
        var cs = await server.CreateDatabaseAsync("admins_count");
        await KpiSyncProcess.RunWithInputAsync(cs, "password-one\n", "admins", "add", "--user", "one", "--password-stdin");
        var one = await KpiSyncProcess.RunAsync(cs, null, "admins", "list");
        await KpiSyncProcess.RunWithInputAsync(cs, "password-two\n", "admins", "add", "--user", "two", "--password-stdin");
        var two = await KpiSyncProcess.RunAsync(cs, null, "admins", "list");

        Assert.EndsWith("1 admin.", one.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("2 admins.", two.Output.TrimEnd(), StringComparison.Ordinal);
    }
}
