using System.Collections.Concurrent;
using KpiSync.Scheduling;
using KpiSync.Storage;
using Microsoft.Extensions.Options;

namespace KpiSync.Webhooks;

/// <summary>
/// <c>POST /webhooks/amocrm/{connection}/{secret}</c>: amoCRM tells us something changed (form-encoded, unsigned,
/// waiting 2 s at most), so we only check the URL's secret and queue a webhook job (any node runs it; if the cycle is
/// running, it runs once more after it). A burst of hooks within Webhooks:Debounce queues one job.
/// </summary>
internal sealed class AmoCrmWebhookEndpoint(ConnectionStore connections, CycleJobClient jobs, IOptions<WebhookOptions> options,
    TimeProvider time, ILogger<AmoCrmWebhookEndpoint> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastTrigger = new();

    public async Task<IResult> HandleAsync(string connection, string secret, HttpRequest request, CancellationToken ct)
    {
        if (!WebhookSecrets.Matches(secret, await connections.GetWebhookSecretHashAsync(connection, ct)))
        {
            return Results.NotFound();
        }

        var events = request.HasFormContentType ? string.Join(",", (await request.ReadFormAsync(ct)).Keys.Select(EntityAction).Distinct()) : "";
        var now = time.GetUtcNow();
        if (_lastTrigger.TryGetValue(connection, out var last) && now - last < options.Value.Debounce)
        {
            return Results.Ok();
        }

        _lastTrigger[connection] = now;
        if (await connections.FindAsync(connection, ct) is not { } found)
        {
            return Results.NotFound();
        }

        var job = jobs.Webhook(found.Id);
        logger.LogInformation("Webhook for {Connection} ({Events}): job {Job} queued", connection, events, job);
        return Results.Ok();
    }

    /// <summary>"leads[status][0][id]" → "leads.status".</summary>
    private static string EntityAction(string key) =>
        key.Split('[', ']').Where(p => p.Length > 0).Take(2) is var parts ? string.Join('.', parts) : key;
}
