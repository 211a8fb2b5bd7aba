namespace KpiSync.CrmSimulator.Webhooks;

internal sealed record WebhookEntry(SimWebhook Hook, long CreatedAt, long UpdatedAt);
