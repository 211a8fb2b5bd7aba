using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

internal sealed partial class AmoCrmClient
{
    /// <summary>Subscribes <paramref name="destination"/> to the given events (admin only; plan-dependent in amoCRM).</summary>
    public async Task RegisterWebhookAsync(Uri destination, IReadOnlyList<string> settings, CancellationToken ct)
    {
        using var response = await SendAsync(c => api.RegisterWebhook(new AmoWebhookRegistration(destination.ToString(), settings), c), ct);
    }
}
