using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>Bad input gets one line <c>error: …</c> on stderr and exit code 2, saying what exists instead.</summary>
public sealed class CliBadInputTests(PostgresServer server)
{
    private const string Token = "sim-long-lived-token";
    private static readonly Dictionary<string, string> Unlimited = new() { ["Crm__RequestsPerSecond"] = "0" };

    [Theory]
    [InlineData("'bitrix'", "'amocrm'", "see 'kpisync connections add --help'", "connections", "add", "bitrix", "--name", "b", "--base-url", "https://b.example", "--token", "t")]
    [InlineData("--employee", "", "see 'kpisync explain --help'", "explain", "--period", "2026-10", "--indicator", "calls")]
    [InlineData("'lst'", "did you mean 'list'?", "see 'kpisync periods --help'", "periods", "lst")]
    [InlineData("'--ful'", "did you mean '--full'?", "see 'kpisync sync --help'", "sync", "--ful")]
    public async Task AnyCommand_ParseError_OneLineWithWhatExistsAndExitCode2(string names, string instead, string hint, params string[] args)
    {
        var r = await KpiSyncProcess.RunAsync(null, null, args);

        Assert.True(r.ExitCode == 2, r.All);
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(names, line, StringComparison.Ordinal);
        Assert.Contains(instead, line, StringComparison.Ordinal);
        Assert.EndsWith(hint, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Usage:", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionOption_NoConnections_SaysHowToAddOne()
    {
        var cs = await server.CreateDatabaseAsync("cli_noconn");

        var r = await KpiSyncProcess.RunAsync(cs, null, "sync");

        Assert.True(r.ExitCode == 2, r.All);
        Assert.Equal("error: there are no connections yet; add one with 'kpisync connections add amocrm --name N --base-url URL --token T' (or run 'kpisync demo')",
            r.Error.Trim());
    }

    [Fact]
    public async Task Commands_OneConnection_NeedNoConnectionOption_AndNameWhatExistsOnBadInput()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await server.CreateDatabaseAsync("cli_oneconn");
        await using var sim = await AmoCrmSimulator.StartAsync(new SimulatorOptions { Employees = 2, Months = 1, RequestsPerSecond = 0 }, ct);
        var add = await KpiSyncProcess.RunAsync(cs, Unlimited, "connections", "add", "amocrm", "--name", "alpha", "--base-url", sim.BaseUrl.ToString(), "--token", Token);
        Assert.True(add.ExitCode == 0, add.All);

        var sync = await KpiSyncProcess.RunAsync(cs, Unlimited, "sync");
        var recompute = await KpiSyncProcess.RunAsync(cs, Unlimited, "recompute");
        var check = await KpiSyncProcess.RunAsync(cs, Unlimited, "connections", "check");
        var noValues = await KpiSyncProcess.RunAsync(cs, Unlimited, "kpi", "-p", "2027-05");
        var indicator = await KpiSyncProcess.RunAsync(cs, Unlimited, "explain", "-e", sim.State.Users[0].Name, "-p", "2027-05", "-i", "callz");
        var employee = await KpiSyncProcess.RunAsync(cs, Unlimited, "explain", "-e", sim.State.Users[0].Name + "x", "-p", "2027-05", "-i", "calls");
        var scheme = await KpiSyncProcess.RunAsync(cs, Unlimited, "schemes", "export", "--name", "nope");
        var periods = await KpiSyncProcess.RunAsync(cs, Unlimited, "periods", "list");
        var typo = await KpiSyncProcess.RunAsync(cs, Unlimited, "kpi", "-c", "alpah", "-p", "2026-10");

        Assert.True(sync.ExitCode == 0, sync.All);
        Assert.Contains("'alpha'", sync.Output, StringComparison.Ordinal);
        Assert.True(recompute.ExitCode == 0, recompute.All);
        Assert.True(check.ExitCode == 0, check.All);
        Assert.Contains("Connection 'alpha' works", check.Output, StringComparison.Ordinal);
        AssertBadInput(noValues, "error: no KPI values for 2027-05 in 'alpha'; months with values: ");
        AssertBadInput(indicator, "error: unknown indicator 'callz'; did you mean 'calls'");
        AssertBadInput(employee, $"error: unknown employee '{sim.State.Users[0].Name}x' in 'alpha'; did you mean '{sim.State.Users[0].Name}' (id {sim.State.Users[0].Id})?");
        AssertBadInput(scheme, "error: no scheme 'nope': 'alpha' has none yet");
        Assert.True(periods.ExitCode == 0, periods.All);
        Assert.StartsWith("No month of 'alpha' was ever closed: every month is open, the current one is ", periods.Output, StringComparison.Ordinal);
        AssertBadInput(typo, "error: unknown connection 'alpah'; did you mean 'alpha'? Connections: 'alpha'");

        var second = await KpiSyncProcess.RunAsync(cs, Unlimited, "connections", "add", "amocrm", "--name", "beta", "--base-url", sim.BaseUrl.ToString(), "--token", Token);
        Assert.True(second.ExitCode == 0, second.All);
        var several = await KpiSyncProcess.RunAsync(cs, Unlimited, "recompute");
        AssertBadInput(several, "error: --connection is required when there are several connections: 'alpha' and 'beta'");
    }

    private static void AssertBadInput(KpiSyncProcess.Result r, string start)
    {
        Assert.True(r.ExitCode == 2, r.All);
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(start, line, StringComparison.Ordinal);
    }
}
