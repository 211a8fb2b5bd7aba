using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

internal sealed partial class AmoCrmClient
{
    /// <summary>Subscribes <paramref name="destination"/> to the given events (admin only; plan-dependent in amoCRM).</summary>
    public async Task RegisterWebhookAsync(Uri destination, IReadOnlyList<string> settings, CancellationToken ct)
    {
        var content = new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new AmoWebhookRegistration(destination.ToString(), settings), AmoCrmJsonContext.Default.AmoWebhookRegistration),
            System.Text.Encoding.UTF8, "application/json");
        using var response = await SendAsync(HttpMethod.Post, "api/v4/webhooks", content, ct);
    }
}
