namespace KpiSync.CrmSimulator;

/// <summary>A webhook registered through POST /api/v4/webhooks; <see cref="Settings"/> are amoCRM event keys such as status_lead.</summary>
public sealed record SimWebhook(long Id, string Destination, IReadOnlyList<string> Settings);
