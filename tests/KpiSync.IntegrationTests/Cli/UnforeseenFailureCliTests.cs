using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>A command that fails prints one <c>error:</c> line naming what failed; never a stack trace on the terminal.</summary>
public sealed class UnforeseenFailureCliTests(PostgresServer server)
{
    // No retries: the cut-off answer would otherwise be retried with back-off before the failure surfaces.
    private static readonly Dictionary<string, string> NoRetries = new() { ["Crm__MaxRetries"] = "0", ["Crm__RequestsPerSecond"] = "0" };

    [Theory]
    [InlineData("connections check broken", "connections", "check", "--name", "broken")]
    [InlineData("sync broken", "sync", "--connection", "broken")]
    public async Task Command_CrmCutsTheResponseOff_PrintsOneErrorLineNamingTheCallAndWhy(string operation, params string[] args)
    {
        var cs = await server.CreateDatabaseAsync("unforeseen_" + args[0]);
        await using var crm = new CutOffHttpServer();
        var directory = Directory.CreateTempSubdirectory("kpisync-cli-").FullName;
        var add = await KpiSyncProcess.RunInAsync(directory, cs, NoRetries,
            "connections", "add", "amocrm", "--name", "broken", "--base-url", crm.BaseUrl.ToString(), "--token", "secret-token-2", "--no-check");
        Assert.True(add.ExitCode == 0, add.All);

        var r = await KpiSyncProcess.RunInAsync(directory, cs, NoRetries, args);

        Assert.True(r.ExitCode == 1, r.All);
        Assert.True(crm.Requests > 0, "the command never reached the CRM");
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // A body cut short is a failure KpiSync knows (retried, then reported): which call, and why.
        Assert.StartsWith($"error: {operation}: amocrm {crm.BaseUrl}api/v4/", line, StringComparison.Ordinal);
        Assert.Contains(": the answer broke off: The response ended prematurely", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-2", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_BadConfigValue_KeepsTheHostsStackTraceOffTheTerminal()
    {
        var cs = await server.CreateDatabaseAsync("unforeseen_badconfig");
        var directory = Directory.CreateTempSubdirectory("kpisync-cli-").FullName;

        var r = await KpiSyncProcess.RunInAsync(directory, cs, new Dictionary<string, string> { ["Crm__RequestsPerSecond"] = "-3" }, "connections", "list");

        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(Path.Combine(directory, ".kpisync", "logs", "errors.log"), TestContext.Current.CancellationToken);
        Assert.Contains("OptionsValidationException", log, StringComparison.Ordinal);
    }
}
