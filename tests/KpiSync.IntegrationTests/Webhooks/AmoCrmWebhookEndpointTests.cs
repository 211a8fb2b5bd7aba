using System.Net;
using KpiSync.Hosting;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Webhooks;

namespace KpiSync.IntegrationTests.Webhooks;

/// <summary><c>serve</c> in-process with Hangfire: a webhook queues a job that starts a sync within seconds.</summary>
public sealed class AmoCrmWebhookEndpointTests(PostgresServer server)
{
    [Fact]
    public async Task Post_RightSecret_TriggersASyncNow_WrongSecretIsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = CycleHarness.FreePort();
        await using var h = await CycleHarness.StartAsync(server, nameof(Post_RightSecret_TriggersASyncNow_WrongSecretIsNotFound),
            settings: new Dictionary<string, string?> { ["Urls"] = $"http://127.0.0.1:{port}", ["Scheduling:CycleCron"] = "0 3 1 1 *",
                ["Scheduling:QueuePollInterval"] = "00:00:00.200" },
            mode: HostMode.Serve);
        var connection = (await h.Get<ConnectionStore>().FindAsync(CycleHarness.ConnectionName, ct))!;
        var secret = WebhookSecrets.New();
        await h.Get<ConnectionStore>().SetWebhookSecretHashAsync(connection.Id, WebhookSecrets.Hash(secret), ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var body = () => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["leads[status][0][id]"] = h.Simulator.State.Leads[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["leads[status][0][status_id]"] = "142",
            ["account[subdomain]"] = "kpisync-demo",
        });

        // A node is ready once /health says so: the scheduler starts just after the web host.
        var health = await http.GetAsync(new Uri("health", UriKind.Relative), ct);
        for (var tries = 0; health.StatusCode != HttpStatusCode.OK && tries < 100; tries++)
        {
            health.Dispose();
            await Task.Delay(200, ct);
            health = await http.GetAsync(new Uri("health", UriKind.Relative), ct);
        }

        using var wrong = await http.PostAsync(new Uri($"webhooks/amocrm/{CycleHarness.ConnectionName}/{WebhookSecrets.New()}", UriKind.Relative), body(), ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        health.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.sync_runs"));

        using var right = await http.PostAsync(new Uri($"webhooks/amocrm/{CycleHarness.ConnectionName}/{secret}", UriKind.Relative), body(), ct);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        await h.WaitUntilAsync("select exists (select 1 from kpisync.sync_runs where status = 'succeeded')", seconds: 60);
        await h.WaitUntilAsync("select exists (select 1 from kpisync.kpi_values)", seconds: 30);
        Assert.Equal("webhook immediate", await h.ScalarAsync<string>("select kind || ' ' || queue from kpisync.job_runs"));
    }
}
