namespace KpiSync.CrmSimulator.Webhooks;

/// <summary>
/// A lead change to report: <see cref="Setting"/> is the subscription key (status_lead, add_lead, delete_lead,
/// restore_lead) and <see cref="Action"/> the form key amoCRM uses for it (status, add, delete, restore).
/// </summary>
internal sealed record WebhookNotice(string Setting, string Action, SimLead Lead, long? OldStatusId = null, long? OldPipelineId = null)
{
    public static WebhookNotice Added(SimLead lead) => new("add_lead", "add", lead);

    public static WebhookNotice StatusChanged(SimLead lead, long oldStatusId, long oldPipelineId) =>
        new("status_lead", "status", lead, oldStatusId, oldPipelineId);

    public static WebhookNotice Deleted(SimLead lead) => new("delete_lead", "delete", lead);

    public static WebhookNotice Restored(SimLead lead) => new("restore_lead", "restore", lead);
}
