using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>A connection check is one account call with a short timeout and no retries: a person waits for it.</summary>
public sealed class ConnectionCheckCliTests(PostgresServer server)
{
    // Retries that a sync would make; a check must not make them.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Crm__RequestsPerSecond"] = "0", ["Crm__CheckTimeout"] = "00:00:01", ["Crm__Timeout"] = "00:00:01",
        ["Crm__MaxRetries"] = "2", ["Crm__RetryBaseDelay"] = "00:00:00",
    };

    [Fact]
    public async Task ConnectionsAdd_CrmNeverAnswers_OneLineAfterOneAttempt_NothingStored()
    {
        var cs = await server.CreateDatabaseAsync("check_add");
        await using var crm = new SilentHttpServer();

        var add = await KpiSyncProcess.RunAsync(cs, Settings, "connections", "add", "amocrm", "--name", "hung", "--base-url", crm.BaseUrl.ToString(), "--token", "secret-token-3");
        var list = await KpiSyncProcess.RunAsync(cs, Settings, "connections", "list");

        Assert.True(add.ExitCode == 2, add.All);
        var line = Assert.Single(add.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"error: amocrm {crm.BaseUrl}api/v4/account: no answer within 1 s; nothing was stored", line, StringComparison.Ordinal);
        Assert.Equal(1, crm.Requests);
        Assert.DoesNotContain("secret-token-3", add.All, StringComparison.Ordinal);
        Assert.DoesNotContain("hung", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsAddNoCheck_ThenCheck_CrmNeverAnswers_OneAttemptOnly()
    {
        var cs = await server.CreateDatabaseAsync("check_check");
        await using var crm = new SilentHttpServer();
        var add = await KpiSyncProcess.RunAsync(cs, Settings, "connections", "add", "amocrm", "--name", "hung", "--base-url", crm.BaseUrl.ToString(), "--token", "t", "--no-check");
        Assert.True(add.ExitCode == 0, add.All);
        Assert.Equal(0, crm.Requests);

        var check = await KpiSyncProcess.RunAsync(cs, Settings, "connections", "check", "--name", "hung");

        Assert.True(check.ExitCode == 1, check.All);
        var line = Assert.Single(check.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"error: connections check hung: amocrm {crm.BaseUrl}api/v4/account: no answer within 1 s", line, StringComparison.Ordinal);
        Assert.Equal(1, crm.Requests);
    }
}
