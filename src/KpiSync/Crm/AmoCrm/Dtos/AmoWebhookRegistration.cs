namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoWebhookRegistration(string Destination, IReadOnlyList<string> Settings);
