using System.Globalization;
using System.Text.Json;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

internal sealed partial class AmoCrmClient
{
    public Task<AmoAccount> GetAccountAsync(CancellationToken ct) =>
        GetAsync("api/v4/account?with=is_api_filter_enabled,datetime_settings", AmoCrmJsonContext.Default.AmoAccount, ct);

    public Task<CrmPage<AmoUser>> GetUsersAsync(int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/users?page={page}&limit={MaxPageSize}"), "users", AmoCrmJsonContext.Default.AmoUser, RecordKey, ct);

    public Task<CrmPage<AmoPipeline>> GetPipelinesAsync(CancellationToken ct) =>
        GetPageAsync("api/v4/leads/pipelines", "pipelines", AmoCrmJsonContext.Default.AmoPipeline, RecordKey, ct);

    /// <summary>Leads updated at or after <paramref name="fromUnix"/>, oldest change first.</summary>
    public Task<CrmPage<AmoLead>> GetLeadsAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/leads?with=source_id&filter[updated_at][from]={fromUnix}{To("updated_at", toUnix)}&order[updated_at]=asc&page={page}&limit={MaxPageSize}"),
            "leads", AmoCrmJsonContext.Default.AmoLead, RecordKey, ct);

    /// <summary>All leads, most recently changed first (no filter), for accounts without API filtering.</summary>
    public Task<CrmPage<AmoLead>> GetLeadsNewestFirstAsync(int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/leads?with=source_id&order[updated_at]=desc&page={page}&limit={MaxPageSize}"), "leads", AmoCrmJsonContext.Default.AmoLead, RecordKey, ct);

    public Task<CrmPage<AmoCustomField>> GetLeadFieldsAsync(int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/leads/custom_fields?page={page}&limit={MaxPageSize}"), "custom_fields", AmoCrmJsonContext.Default.AmoCustomField, RecordKey, ct);

    /// <summary>Leads in the trash (deleted, most fields null) updated at or after <paramref name="fromUnix"/>.</summary>
    public Task<CrmPage<AmoDeletedLead>> GetDeletedLeadsAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/leads?with=only_deleted&filter[updated_at][from]={fromUnix}{To("updated_at", toUnix)}&order[updated_at]=asc&page={page}&limit={MaxPageSize}"),
            "leads", AmoCrmJsonContext.Default.AmoDeletedLead, RecordKey, ct);

    /// <summary>One page of all current leads by id, for reconciling deletions nobody told us about.</summary>
    public Task<CrmPage<AmoDeletedLead>> GetLeadIdsAsync(int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/leads?order[id]=asc&page={page}&limit={MaxPageSize}"), "leads", AmoCrmJsonContext.Default.AmoDeletedLead, RecordKey, ct);

    /// <summary>Which of <paramref name="ids"/> (at most 250) exist as current leads.</summary>
    public async Task<IReadOnlySet<long>> GetExistingLeadIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var query = string.Join('&', ids.Select(id => Q($"filter[id][]={id}")));
        var page = await GetPageAsync(Q($"api/v4/leads?{query}&limit={MaxPageSize}"), "leads", AmoCrmJsonContext.Default.AmoDeletedLead, RecordKey, ct);
        return page.Items.Select(l => l.Id).ToHashSet();
    }

    /// <summary>Lead events created at or after <paramref name="fromUnix"/>, oldest first (at most 100 a page).</summary>
    public Task<CrmPage<AmoEvent>> GetLeadEventsAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/events?filter[entity]=lead&filter[type][]=lead_status_changed&filter[type][]=entity_responsible_changed&filter[type][]=lead_deleted&filter[type][]=lead_restored&filter[created_at][from]={fromUnix}{To("created_at", toUnix)}&order[created_at]=asc&page={page}&limit={MaxEventsPageSize}"),
            "events", AmoCrmJsonContext.Default.AmoEvent, RecordKey, ct);

    /// <summary>Call notes on leads updated at or after <paramref name="fromUnix"/>, oldest change first.</summary>
    public Task<CrmPage<AmoNote>> GetCallNotesAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/leads/notes?filter[note_type][]=call_in&filter[note_type][]=call_out&filter[updated_at][from]={fromUnix}{To("updated_at", toUnix)}&order[updated_at]=asc&page={page}&limit={MaxPageSize}"),
            "notes", AmoCrmJsonContext.Default.AmoNote, RecordKey, ct);

    /// <summary>Tasks updated at or after <paramref name="fromUnix"/>, oldest change first.</summary>
    public Task<CrmPage<AmoTask>> GetTasksAsync(long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/tasks?filter[updated_at][from]={fromUnix}{To("updated_at", toUnix)}&order[updated_at]=asc&page={page}&limit={MaxPageSize}"),
            "tasks", AmoCrmJsonContext.Default.AmoTask, RecordKey, ct);

    public Task<CrmPage<AmoLead>> GetLeadsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync($"api/v4/leads?with=source_id&{Ids(ids)}&limit={MaxPageSize}", "leads", AmoCrmJsonContext.Default.AmoLead, RecordKey, ct);

    public Task<CrmPage<AmoDeletedLead>> GetDeletedLeadsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync($"api/v4/leads?with=only_deleted&{Ids(ids)}&limit={MaxPageSize}", "leads", AmoCrmJsonContext.Default.AmoDeletedLead, RecordKey, ct);

    public Task<CrmPage<AmoEvent>> GetEventsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync($"api/v4/events?{Ids(ids)}&limit={MaxEventsPageSize}", "events", AmoCrmJsonContext.Default.AmoEvent, RecordKey, ct);

    public Task<CrmPage<AmoNote>> GetNotesByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync($"api/v4/leads/notes?{Ids(ids)}&limit={MaxPageSize}", "notes", AmoCrmJsonContext.Default.AmoNote, RecordKey, ct);

    public Task<CrmPage<AmoTask>> GetTasksByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        GetPageAsync($"api/v4/tasks?{Ids(ids)}&limit={MaxPageSize}", "tasks", AmoCrmJsonContext.Default.AmoTask, RecordKey, ct);

    private static string Ids(IReadOnlyCollection<string> ids) => string.Join('&', ids.Select(id => "filter[id][]=" + Uri.EscapeDataString(id)));

    private static string To(string field, long? toUnix) => toUnix is { } t ? Q($"&filter[{field}][to]={t}") : "";

    private static string Q(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The record's <c>id</c> as text (numbers for most entities, strings for events).</summary>
    private static string RecordKey(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) ? id.ToString() : "?";

}
