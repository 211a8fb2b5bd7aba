using System.Globalization;
using KpiSync.Crm.AmoCrm.Api;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

/// <summary>
/// The lists the sync reads. Each is read with a sort amoCRM documents for it (leads <c>created_at|updated_at|id</c>,
/// events <c>created_at|id</c>, notes <c>updated_at|id</c>, tasks <c>created_at|complete_till|id</c>): a CRM ignores
/// an undocumented sort and answers in its default order, which a keyset over that field would silently skip through.
/// </summary>
internal sealed partial class AmoCrmClient
{
    private static readonly string[] LeadEventTypes = ["lead_status_changed", "entity_responsible_changed", "lead_deleted", "lead_restored"];
    private static readonly string[] CallNoteTypes = ["call_in", "call_out"];

    // catalog_elements: a lead lists the invoices linked to it; the invoices themselves do not say their lead.
    private const string LeadWith = "source_id,catalog_elements";

    public Task<AmoAccount> GetAccountAsync(CancellationToken ct) =>
        GetAsync(c => api.GetAccount("is_api_filter_enabled,datetime_settings,invoices_settings", c), AmoCrmJsonContext.Default.AmoAccount, ct);

    public Task<CrmPage<AmoUser>> GetUsersAsync(int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetUsers(new AmoListQuery { Page = page, Limit = MaxPageSize }, c), "users", AmoCrmJsonContext.Default.AmoUser, ct);

    public Task<CrmPage<AmoPipeline>> GetPipelinesAsync(CancellationToken ct) =>
        GetPageAsync(api.GetPipelines, "pipelines", AmoCrmJsonContext.Default.AmoPipeline, ct);

    public Task<CrmPage<AmoCustomField>> GetLeadFieldsAsync(int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeadFields(new AmoListQuery { Page = page, Limit = MaxPageSize }, c), "custom_fields",
            AmoCrmJsonContext.Default.AmoCustomField, f => f.Name, ct);

    /// <summary>Leads updated at or after <paramref name="fromUnix"/>, oldest change first (keyset on updated_at).</summary>
    public Task<CrmPage<AmoLead>> GetLeadsAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeads(new AmoListQuery
        {
            With = LeadWith, UpdatedFrom = fromUnix, UpdatedTo = toUnix, OrderByUpdatedAt = AmoListQuery.Ascending, Page = page, Limit = MaxPageSize,
        }, c), "leads", AmoCrmJsonContext.Default.AmoLead, ct);

    /// <summary>All leads, most recently changed first (no filter), for accounts without API filtering.</summary>
    public Task<CrmPage<AmoLead>> GetLeadsNewestFirstAsync(int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeads(new AmoListQuery { With = LeadWith, OrderByUpdatedAt = AmoListQuery.Descending, Page = page, Limit = MaxPageSize }, c),
            "leads", AmoCrmJsonContext.Default.AmoLead, ct);

    /// <summary>Leads in the trash (deleted, most fields null) updated at or after <paramref name="fromUnix"/>.</summary>
    public Task<CrmPage<AmoDeletedLead>> GetDeletedLeadsAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeads(new AmoListQuery
        {
            With = "only_deleted", UpdatedFrom = fromUnix, UpdatedTo = toUnix, OrderByUpdatedAt = AmoListQuery.Ascending, Page = page, Limit = MaxPageSize,
        }, c), "leads", AmoCrmJsonContext.Default.AmoDeletedLead, ct);

    /// <summary>One page of all current leads by id, for reconciling deletions nobody told us about.</summary>
    public Task<CrmPage<AmoDeletedLead>> GetLeadIdsAsync(int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeads(new AmoListQuery { OrderById = AmoListQuery.Ascending, Page = page, Limit = MaxPageSize }, c),
            "leads", AmoCrmJsonContext.Default.AmoDeletedLead, ct);

    /// <summary>Which of <paramref name="ids"/> (at most 250) exist as current leads.</summary>
    public async Task<IReadOnlySet<long>> GetExistingLeadIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var page = await GetPageAsync(c => api.GetLeads(new AmoListQuery { Ids = Text(ids), Limit = MaxPageSize }, c),
            "leads", AmoCrmJsonContext.Default.AmoDeletedLead, ct);
        return page.Items.Select(l => l.Id).ToHashSet();
    }

    /// <summary>Lead events created at or after <paramref name="fromUnix"/>, oldest first (at most 100 a page).</summary>
    public Task<CrmPage<AmoEvent>> GetLeadEventsAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetEvents(new AmoListQuery
        {
            Entity = "lead", Types = LeadEventTypes, CreatedFrom = fromUnix, CreatedTo = toUnix, OrderByCreatedAt = AmoListQuery.Ascending,
            Page = page, Limit = MaxEventsPageSize,
        }, c), "events", AmoCrmJsonContext.Default.AmoEvent, ct);

    /// <summary>Call notes on leads updated at or after <paramref name="fromUnix"/>, oldest change first.</summary>
    public Task<CrmPage<AmoNote>> GetCallNotesAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeadNotes(new AmoListQuery
        {
            NoteTypes = CallNoteTypes, UpdatedFrom = fromUnix, UpdatedTo = toUnix, OrderByUpdatedAt = AmoListQuery.Ascending, Page = page, Limit = MaxPageSize,
        }, c), "notes", AmoCrmJsonContext.Default.AmoNote, ct);

    /// <summary>
    /// Page <paramref name="page"/> of the tasks updated from <paramref name="fromUnix"/> to <paramref name="toUnix"/>, by id.
    /// amoCRM cannot sort tasks by updated_at, so a window of them is a fixed range read through by page number.
    /// </summary>
    public Task<CrmPage<AmoTask>> GetTasksAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetTasks(new AmoListQuery
        {
            UpdatedFrom = fromUnix, UpdatedTo = toUnix, OrderById = AmoListQuery.Ascending, Page = page, Limit = MaxPageSize,
        }, c), "tasks", AmoCrmJsonContext.Default.AmoTask, ct);

    public Task<CrmPage<AmoLead>> GetLeadsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeads(new AmoListQuery { With = LeadWith, Ids = [.. ids], Limit = MaxPageSize }, c),
            "leads", AmoCrmJsonContext.Default.AmoLead, ct);

    public Task<CrmPage<AmoDeletedLead>> GetDeletedLeadsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeads(new AmoListQuery { With = "only_deleted", Ids = [.. ids], Limit = MaxPageSize }, c),
            "leads", AmoCrmJsonContext.Default.AmoDeletedLead, ct);

    public Task<CrmPage<AmoEvent>> GetEventsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync(c => api.GetEvents(new AmoListQuery { Ids = [.. ids], Limit = MaxEventsPageSize }, c),
            "events", AmoCrmJsonContext.Default.AmoEvent, ct);

    public Task<CrmPage<AmoNote>> GetNotesByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync(c => api.GetLeadNotes(new AmoListQuery { Ids = [.. ids], Limit = MaxPageSize }, c),
            "notes", AmoCrmJsonContext.Default.AmoNote, ct);

    public Task<CrmPage<AmoTask>> GetTasksByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync(c => api.GetTasks(new AmoListQuery { Ids = [.. ids], Limit = MaxPageSize }, c),
            "tasks", AmoCrmJsonContext.Default.AmoTask, ct);

    private static string[] Text(IReadOnlyCollection<long> ids) => [.. ids.Select(id => id.ToString(CultureInfo.InvariantCulture))];
}
