using System.Text.Json;
using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>GET /api/v4/tasks: meetings (type 2) and follow-ups (type 1) on leads, by id unless a documented sort is asked for.</summary>
internal static class TaskEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime) =>
        app.MapGet("/api/v4/tasks", context => List(context, runtime).WriteAsync(context));

    private static ApiResponse List(HttpContext context, SimulatorRuntime runtime)
    {
        var query = context.Request.Query;
        var updated = QueryFilters.Range(query, "filter[updated_at]");
        var types = QueryFilters.LongSet(query, "filter[task_type]");
        var completed = QueryFilters.StringSet(query, "filter[is_completed]");
        var responsible = QueryFilters.LongSet(query, "filter[responsible_user_id]");
        var entityTypes = QueryFilters.StringSet(query, "filter[entity_type]");
        var entityIds = QueryFilters.LongSet(query, "filter[entity_id]");
        var ids = QueryFilters.LongSet(query, "filter[id]");
        // Only the documented sorts (README §3.1, K-tasks); amoCRM ignores any other order[...] and so does
        // this, or a client asking for an undocumented sort would pass here and page wrongly against the real API.
        var order = QueryFilters.Order(query, "created_at", "complete_till", "id");
        // The whole query but page and limit keys the cached list, so the pages of one updated_at window share it.
        var key = QueryFilters.CacheKey(context);
        var ordered = runtime.Store.Query(key, store =>
        {
            var tasks = store.Tasks.Where(task =>
                updated.InRange(task.UpdatedAt)
                && (types is null || types.Contains(task.TaskTypeId))
                && (completed is null || completed.Contains(task.IsCompleted ? "1" : "0") || completed.Contains(task.IsCompleted ? "true" : "false"))
                && (responsible is null || responsible.Contains(task.ResponsibleUserId))
                && (entityTypes is null || entityTypes.Contains("leads"))
                && (entityIds is null || entityIds.Contains(task.EntityId))
                && (ids is null || ids.Contains(task.Id)));
            return order switch
            {
                ("created_at", var desc) => Sorting.By(tasks, task => task.CreatedAt.ToUnixTimeSeconds(), task => task.Id, desc),
                ("complete_till", var desc) => Sorting.By(tasks, task => task.CompleteTill.ToUnixTimeSeconds(), task => task.Id, desc),
                ("id", true) => tasks.OrderByDescending(task => task.Id),
                _ => tasks.OrderBy(task => task.Id),
            };
        });
        return Paging.Page(context, runtime, "tasks", ordered, 250, (writer, task) => Write(writer, task, runtime));
    }

    private static void Write(Utf8JsonWriter writer, SimTask task, SimulatorRuntime runtime)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", task.Id);
        writer.WriteNumber("created_by", task.ResponsibleUserId);
        writer.WriteNumber("updated_by", task.ResponsibleUserId);
        writer.WriteNumber("created_at", task.CreatedAt.ToUnixTimeSeconds());
        writer.WriteNumber("updated_at", task.UpdatedAt.ToUnixTimeSeconds());
        writer.WriteNumber("responsible_user_id", task.ResponsibleUserId);
        writer.WriteNumber("group_id", 0);
        writer.WriteNumber("entity_id", task.EntityId);
        writer.WriteString("entity_type", "leads");
        writer.WriteNumber("duration", task.DurationSeconds);
        writer.WriteBoolean("is_completed", task.IsCompleted);
        writer.WriteNumber("task_type_id", task.TaskTypeId);
        writer.WriteString("text", task.Text);
        if (task.ResultText is { } result)
        {
            writer.WriteStartObject("result");
            writer.WriteString("text", result);
            writer.WriteEndObject();
        }

        writer.WriteNumber("complete_till", task.CompleteTill.ToUnixTimeSeconds());
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/tasks/{task.Id}"));
        writer.WriteEndObject();
    }
}
