using System.Globalization;
using System.Text.Json;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

internal sealed partial class AmoCrmClient
{
    public Task<AmoAccount> GetAccountAsync(CancellationToken ct) =>
        GetAsync("api/v4/account?with=is_api_filter_enabled,datetime_settings", AmoCrmJsonContext.Default.AmoAccount, ct);

    public Task<CrmPage<AmoUser>> GetUsersAsync(int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/users?page={page}&limit={MaxPageSize}"), "users", AmoCrmJsonContext.Default.AmoUser, NumericKey, ct);

    public Task<CrmPage<AmoPipeline>> GetPipelinesAsync(CancellationToken ct) =>
        GetPageAsync("api/v4/leads/pipelines", "pipelines", AmoCrmJsonContext.Default.AmoPipeline, NumericKey, ct);

    /// <summary>Leads updated at or after <paramref name="fromUnix"/>, oldest change first.</summary>
    public Task<CrmPage<AmoLead>> GetLeadsAsync(long fromUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/leads?filter[updated_at][from]={fromUnix}&order[updated_at]=asc&page={page}&limit={MaxPageSize}"),
            "leads", AmoCrmJsonContext.Default.AmoLead, NumericKey, ct);

    /// <summary>Lead events created at or after <paramref name="fromUnix"/>, oldest first (at most 100 a page).</summary>
    public Task<CrmPage<AmoEvent>> GetLeadEventsAsync(long fromUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/events?filter[entity]=lead&filter[type][]=lead_status_changed&filter[type][]=entity_responsible_changed&filter[created_at][from]={fromUnix}&order[created_at]=asc&page={page}&limit={MaxEventsPageSize}"),
            "events", AmoCrmJsonContext.Default.AmoEvent, StringKey, ct);

    /// <summary>Call notes on leads updated at or after <paramref name="fromUnix"/>, oldest change first.</summary>
    public Task<CrmPage<AmoNote>> GetCallNotesAsync(long fromUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/leads/notes?filter[note_type][]=call_in&filter[note_type][]=call_out&filter[updated_at][from]={fromUnix}&order[updated_at]=asc&page={page}&limit={MaxPageSize}"),
            "notes", AmoCrmJsonContext.Default.AmoNote, NumericKey, ct);

    /// <summary>Tasks updated at or after <paramref name="fromUnix"/>, oldest change first.</summary>
    public Task<CrmPage<AmoTask>> GetTasksAsync(long fromUnix, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/tasks?filter[updated_at][from]={fromUnix}&order[updated_at]=asc&page={page}&limit={MaxPageSize}"),
            "tasks", AmoCrmJsonContext.Default.AmoTask, NumericKey, ct);

    private static string Q(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string NumericKey(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) ? id.ToString() : "?";

    private static string StringKey(JsonElement e) => NumericKey(e);
}
