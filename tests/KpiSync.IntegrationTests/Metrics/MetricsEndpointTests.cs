using System.Text.RegularExpressions;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Metrics;

/// <summary><c>/metrics</c> as Prometheus reads it: well-formed samples, the database gauges of each connection as it
/// is at the scrape.</summary>
public sealed class MetricsEndpointTests(PostgresServer server)
{
    [Fact]
    public async Task Scrape_FollowsEachConnection_LagOnlyOnceSynced_ActiveUntilBlocked()
    {
        var ct = TestContext.Current.CancellationToken;
        var (h, url) = await DashboardHost.StartAsync(server, "metrics_gauges");
        await using var _ = h;
        using var client = new DashboardClient(url);
        await h.RunCycleAsync();
        var other = await h.Get<ConnectionStore>().AddAsync("other", CrmKinds.AmoCrm, h.Simulator.BaseUrl, null,
            CrmCredentials.FromLongLivedToken(new SimulatorOptions().AccessToken), ct);

        var before = await client.GetStringAsync("metrics");
        await h.Get<ConnectionStore>().SetStatusAsync(other, ConnectionStatus.Blocked, "test");
        var after = await client.GetStringAsync("metrics");

        // Every line is a comment or one sample: name, optional labels, a number.
        Assert.All(before.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Matches(@"^(# (HELP|TYPE) .+|[a-z_]+(\{[a-z_]+=""[^""]*""\})? -?[0-9.e+-]+)$", l));
        Assert.Matches("kpisync_sync_lag_seconds\\{connection=\"sim\"\\} [0-9]", before);
        Assert.DoesNotContain("kpisync_sync_lag_seconds{connection=\"other\"}", before, StringComparison.Ordinal);
        Assert.Contains("kpisync_connection_active{connection=\"other\"} 1", before, StringComparison.Ordinal);
        Assert.Contains("kpisync_connection_active{connection=\"other\"} 0", after, StringComparison.Ordinal);
        Assert.Contains("kpisync_connection_active{connection=\"sim\"} 1", after, StringComparison.Ordinal);
        Assert.Contains("kpisync_quarantine_open{connection=\"other\"} 0", after, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(after, "^# TYPE kpisync_database_up gauge$", RegexOptions.Multiline));
        Assert.Contains("\nkpisync_database_up 1", after, StringComparison.Ordinal);
    }
}
