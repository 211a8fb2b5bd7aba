using System.Net;
using Hangfire;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>What the dashboard and /health say about a cycle that did not succeed: a skipped one is not a success, and a
/// connection whose cycles fail is not healthy.</summary>
public sealed class CycleOutcomePagesTests(PostgresServer server)
{
    [Fact]
    public async Task UnreachableConnection_CycleFails_HealthAndConnectionsPageShowFailingWithTheError()
    {
        var ct = TestContext.Current.CancellationToken;
        var (h, url) = await DashboardHost.StartAsync(server, nameof(UnreachableConnection_CycleFails_HealthAndConnectionsPageShowFailingWithTheError),
            settings: new() { ["Crm:MaxRetries"] = "0" });
        await using var _ = h;
        // A port nobody listens on: every request is refused.
        var nowhere = new Uri($"http://127.0.0.1:{CycleHarness.FreePort()}/");
        await h.Get<ConnectionStore>().AddAsync("down", CrmKinds.AmoCrm, nowhere, null,
            CrmCredentials.FromLongLivedToken(new SimulatorOptions().AccessToken), ct);
        await Assert.ThrowsAnyAsync<Exception>(() => h.Get<ConnectionCycle>().RunAsync("down", KpiSync.Sync.SyncRequest.Incremental, wait: true, ct));
        Assert.NotNull(await h.RunCycleAsync());

        using var client = new DashboardClient(url);
        var health = await client.GetStringAsync("health");
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("admin/connections"));

        Assert.Contains("\"down\":\"failing\"", health, StringComparison.Ordinal);
        Assert.Contains("\"sim\":\"active\"", health, StringComparison.Ordinal);
        Assert.Matches("\"connection_errors\":\\{\"down\":\"[^\"]+\"\\}", health);
        Assert.Contains("<span class=\"bad\">failing</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ok\">active</span>", page, StringComparison.Ordinal);
        Assert.Contains("last error: ", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkippedTick_IsShownAsSkipped_NotAsASuccess()
    {
        var ct = TestContext.Current.CancellationToken;
        var (h, url) = await DashboardHost.StartAsync(server, nameof(SkippedTick_IsShownAsSkipped_NotAsASuccess));
        await using var _ = h;
        var connection = await h.ConnectionAsync();
        await h.Get<RecurringCycles>().ReconcileAsync(ct);
        await using (await h.Get<ConnectionLocks>().AcquireAsync(connection.Id, wait: true, ct))
        {
            var job = h.Get<IRecurringJobManagerV2>().TriggerJob(RecurringCycles.IdFor(CycleHarness.ConnectionName));
            await h.WaitUntilAsync($"select exists (select 1 from kpisync.job_runs where job_id = '{job}' and status <> 'running')");
        }

        using var client = new DashboardClient(url);
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);
        var runs = await client.GetStringAsync("admin/runs");

        Assert.Contains("<td class=\"job-status warn\">skipped: ", runs, StringComparison.Ordinal);
        Assert.DoesNotContain("job-status ok", runs, StringComparison.Ordinal);
    }
}
