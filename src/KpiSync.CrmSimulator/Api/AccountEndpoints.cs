using System.Globalization;
using System.Text.Json;
using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>GET /api/v4/account, /api/v4/users and /api/v4/leads/pipelines.</summary>
internal static class AccountEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime)
    {
        app.MapGet("/api/v4/account", context => Account(context, runtime).WriteAsync(context));
        app.MapGet("/api/v4/users", context => Users(context, runtime).WriteAsync(context));
        app.MapGet("/api/v4/leads/pipelines", context => Pipelines(runtime).WriteAsync(context));
    }

    private static ApiResponse Account(HttpContext context, SimulatorRuntime runtime)
    {
        var account = runtime.State.Account;
        var with = QueryFilters.StringSet(context.Request.Query, "with") ?? [];
        var createdAt = account.Start.AddDays(-30).ToUnixTimeSeconds();
        return ApiResponse.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", AccountLayout.AccountId);
            writer.WriteString("name", "KpiSync Demo");
            writer.WriteString("subdomain", runtime.Options.Subdomain);
            writer.WriteNumber("created_at", createdAt);
            writer.WriteNumber("created_by", AccountLayout.FirstUserId);
            writer.WriteNumber("updated_at", createdAt);
            writer.WriteNumber("updated_by", AccountLayout.FirstUserId);
            writer.WriteNumber("current_user_id", AccountLayout.FirstUserId);
            writer.WriteString("country", "RU");
            writer.WriteString("currency", "RUB");
            writer.WriteString("customers_mode", "disabled");
            writer.WriteBoolean("is_unsorted_on", true);
            writer.WriteBoolean("is_loss_reason_enabled", true);
            writer.WriteBoolean("is_helpbot_enabled", false);
            writer.WriteBoolean("is_technical_account", false);
            writer.WriteNumber("contact_name_display_order", 1);
            writer.WriteString("amojo_id", "00000000-0000-4000-8000-0000" + AccountLayout.AccountId.ToString("D8", CultureInfo.InvariantCulture));
            writer.WriteString("uuid", "00000000-0000-4000-9000-0000" + AccountLayout.AccountId.ToString("D8", CultureInfo.InvariantCulture));
            writer.WriteNumber("version", 11);
            if (with.Contains("is_api_filter_enabled"))
            {
                writer.WriteBoolean("is_api_filter_enabled", runtime.Options.ApiFilterEnabled);
            }

            if (with.Contains("invoices_settings") && runtime.Options.InvoicesCatalog)
            {
                writer.WriteStartObject("invoices_settings");
                writer.WriteString("lang", "ru");
                writer.WriteNumber("invoices_catalog_id", InvoiceLayout.CatalogId);
                writer.WriteEndObject();
            }

            Paging.WriteSelfLinks(writer, runtime.Href("api/v4/account"));
            writer.WriteStartObject("_embedded");
            writer.WriteStartObject("amojo_rights");
            writer.WriteBoolean("can_direct", true);
            writer.WriteBoolean("can_create_groups", true);
            writer.WriteEndObject();
            writer.WriteStartArray("users_groups");
            writer.WriteStartObject();
            writer.WriteNumber("id", 0);
            writer.WriteString("name", "Отдел продаж");
            writer.WriteNull("uuid");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartArray("task_types");
            WriteTaskType(writer, AccountLayout.FollowUpTaskType, "Связаться", "FOLLOW_UP");
            WriteTaskType(writer, AccountLayout.MeetingTaskType, "Встреча", "MEETING");
            writer.WriteEndArray();
            WriteDateTimeSettings(writer, account);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void WriteTaskType(Utf8JsonWriter writer, int id, string name, string code)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", id);
        writer.WriteString("name", name);
        writer.WriteNull("color");
        writer.WriteNull("icon_id");
        writer.WriteString("code", code);
        writer.WriteEndObject();
    }

    private static void WriteDateTimeSettings(Utf8JsonWriter writer, GeneratedAccount account)
    {
        var offset = account.TimeZone.GetUtcOffset(account.Anchor);
        writer.WriteStartObject("datetime_settings");
        writer.WriteString("date_pattern", "d.m.Y H:i");
        writer.WriteString("short_date_pattern", "d.m.Y");
        writer.WriteString("short_time_pattern", "H:i");
        writer.WriteString("date_format", "d.m.Y");
        writer.WriteString("time_format", "H:i:s");
        writer.WriteString("timezone", account.TimeZone.Id);
        writer.WriteString("timezone_offset", (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static ApiResponse Users(HttpContext context, SimulatorRuntime runtime)
    {
        var users = runtime.State.ListedUsers;
        return Paging.Page(context, runtime, "users", users, 250, (writer, user) => WriteUser(writer, user, runtime), (writer, limit) =>
        {
            writer.WriteNumber("_total_items", users.Count);
            writer.WriteNumber("_page_count", (users.Count + limit - 1) / limit);
        });
    }

    private static void WriteUser(Utf8JsonWriter writer, SimUser user, SimulatorRuntime runtime)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", user.Id);
        writer.WriteString("name", user.Name);
        writer.WriteString("email", user.Email);
        writer.WriteString("lang", user.Lang);
        writer.WriteStartObject("rights");
        foreach (var entity in (string[])["leads", "contacts", "companies"])
        {
            writer.WriteStartObject(entity);
            foreach (var right in (string[])["view", "edit", "add", "delete", "export"])
            {
                writer.WriteString(right, "A");
            }

            writer.WriteEndObject();
        }

        writer.WriteStartObject("tasks");
        writer.WriteString("edit", "A");
        writer.WriteString("delete", "A");
        writer.WriteEndObject();
        writer.WriteBoolean("mail_access", false);
        writer.WriteBoolean("catalog_access", true);
        writer.WriteNull("status_rights");
        writer.WriteBoolean("is_admin", false);
        writer.WriteBoolean("is_free", false);
        writer.WriteBoolean("is_active", user.IsActive);
        writer.WriteNull("group_id");
        writer.WriteNull("role_id");
        writer.WriteEndObject();
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/users/{user.Id}"));
        writer.WriteStartObject("_embedded");
        writer.WriteStartArray("roles");
        writer.WriteEndArray();
        writer.WriteStartArray("groups");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static ApiResponse Pipelines(SimulatorRuntime runtime) => ApiResponse.Ok(writer =>
    {
        const long pipelineId = AccountLayout.PipelineId;
        writer.WriteStartObject();
        writer.WriteNumber("_total_items", 1);
        Paging.WriteSelfLinks(writer, runtime.Href("api/v4/leads/pipelines"));
        writer.WriteStartObject("_embedded");
        writer.WriteStartArray("pipelines");
        writer.WriteStartObject();
        writer.WriteNumber("id", pipelineId);
        writer.WriteString("name", "Продажи");
        writer.WriteNumber("sort", 1);
        writer.WriteBoolean("is_main", true);
        writer.WriteBoolean("is_unsorted_on", false);
        writer.WriteBoolean("is_archive", false);
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/leads/pipelines/{pipelineId}"));
        writer.WriteStartObject("_embedded");
        writer.WriteStartArray("statuses");
        foreach (var status in AccountLayout.Statuses)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", status.Id);
            writer.WriteString("name", status.Name);
            writer.WriteNumber("sort", status.Sort);
            writer.WriteBoolean("is_editable", status.IsEditable);
            writer.WriteNumber("pipeline_id", pipelineId);
            writer.WriteString("color", status.Color);
            writer.WriteNumber("type", status.Type);
            writer.WriteNumber("account_id", AccountLayout.AccountId);
            Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/leads/pipelines/{pipelineId}/statuses/{status.Id}"));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });
}
