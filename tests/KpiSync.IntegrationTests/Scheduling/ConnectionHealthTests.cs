using KpiSync.Crm;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Scheduling;

/// <summary>A failed cycle shows in the connection's health (CLI and storage) until a cycle succeeds; the statuses that stop a connection win over it.</summary>
public sealed class ConnectionHealthTests(PostgresServer server)
{
    // A 500 is retried otherwise; with no retries the first one fails the cycle.
    private static readonly Dictionary<string, string?> NoRetries = new() { ["Crm:MaxRetries"] = "0" };

    [Fact]
    public async Task RunAsync_CrmFails_MarksTheConnectionFailingWithTheReasonUntilACycleSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "health_failing", settings: NoRetries);
        var store = h.Get<ConnectionStore>();
        h.Simulator.Faults = new SimulatorFaults { ServerErrors = 1 };

        await Assert.ThrowsAnyAsync<Exception>(() => h.RunCycleAsync());

        var connection = await h.ConnectionAsync();
        var failure = Assert.Single(await store.GetCycleFailuresAsync(ct)).Value;
        Assert.Equal(ConnectionStatus.Active, connection.Status);   // still tried by the next fire
        Assert.Equal(ConnectionStore.Failing, ConnectionStore.Health(connection, failure));
        Assert.Matches(@"(?i)^amocrm 5\d\d ", failure.Reason);
        Assert.Equal(CycleHarness.Now.UtcDateTime, failure.At);
        var list = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "connections", "list");
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Matches(@"(?m)^sim\s+amocrm\s+failing\s", list.Output);
        Assert.Contains($"  last error: {failure.Reason} (cycle failed at 2026-10-20 12:00:00 UTC)", list.Output, StringComparison.Ordinal);

        h.Simulator.Faults = SimulatorFaults.None;
        Assert.NotNull(await h.RunCycleAsync());

        Assert.Empty(await store.GetCycleFailuresAsync(ct));
        var after = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "connections", "list");
        Assert.Matches(@"(?m)^sim\s+amocrm\s+active\s", after.Output);
        Assert.DoesNotContain("last error", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsPage_CycleFailed_ShowsFailingWithTheReasonThenActiveAgain()
    {
        var (h, url) = await DashboardHost.StartAsync(server, "health_page", settings: NoRetries);
        await using var _ = h;
        using var client = new DashboardClient(url);
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        h.Simulator.Faults = new SimulatorFaults { ServerErrors = 1 };
        await Assert.ThrowsAnyAsync<Exception>(() => h.RunCycleAsync());
        var reason = Assert.Single(await h.Get<ConnectionStore>().GetCycleFailuresAsync(TestContext.Current.CancellationToken)).Value.Reason;

        var failing = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("admin/connections"));
        h.Simulator.Faults = SimulatorFaults.None;
        Assert.NotNull(await h.RunCycleAsync());
        var healthy = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("admin/connections"));

        Assert.Contains(">failing</span>", failing, StringComparison.Ordinal);
        Assert.Contains("last error: " + reason, failing, StringComparison.Ordinal);
        Assert.Contains("at 2026-10-20 12:00:00 UTC", failing, StringComparison.Ordinal);
        Assert.Contains(">active</span>", healthy, StringComparison.Ordinal);
        Assert.DoesNotContain("last error: ", healthy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AccountBlockedMidCycle_ShowsBlockedNotAGenericFailure()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "health_blocked", settings: NoRetries);
        h.Simulator.Faults = new SimulatorFaults { ServerErrors = 1 };
        await Assert.ThrowsAnyAsync<Exception>(() => h.RunCycleAsync());
        h.Simulator.Faults = SimulatorFaults.None;
        h.Simulator.Blocked = true;

        await Assert.ThrowsAsync<ConnectionUnavailableException>(() => h.RunCycleAsync());

        var connection = await h.ConnectionAsync();
        Assert.Equal(ConnectionStatus.Blocked, connection.Status);
        Assert.Empty(await h.Get<ConnectionStore>().GetCycleFailuresAsync(ct));   // the earlier failure is not left to show once resumed
        Assert.Equal(ConnectionStatus.Blocked, ConnectionStore.Health(connection, null));
    }
}
