using System.Text.Json;
using KpiSync.CrmSimulator.Generation;
using KpiSync.CrmSimulator.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>GET /api/v4/events: at most 100 per page (more silently gives 50), newest first by default.</summary>
internal static class EventEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime) =>
        app.MapGet("/api/v4/events", context => List(context, runtime).WriteAsync(context));

    private static ApiResponse List(HttpContext context, SimulatorRuntime runtime)
    {
        var query = context.Request.Query;
        var created = QueryFilters.Range(query, "filter[created_at]");
        var types = QueryFilters.StringSet(query, "filter[type]");
        var entities = QueryFilters.StringSet(query, "filter[entity]");
        var entityIds = QueryFilters.LongSet(query, "filter[entity_id]");
        var createdBy = QueryFilters.LongSet(query, "filter[created_by]");
        var ids = QueryFilters.StringSet(query, "filter[id]");
        var order = QueryFilters.Order(query, "created_at", "id");
        // Sorted by created_at (the default too): the range is a slice of the cached list, see SortedRange.
        SortedRange<SimEvent>? range = order is null or ("created_at", _)
            ? new(item => item.CreatedAt.ToUnixTimeSeconds(), created.From, created.To, order?.Descending ?? true)
            : null;
        var filtered = range is null ? created : QueryFilters.Unbounded;
        var key = QueryFilters.CacheKey(context, range is null ? null : "filter[created_at]");
        var ordered = runtime.Store.Query(key, store =>
        {
            var events = store.Events.Where(item =>
                filtered.InRange(item.CreatedAt)
                && (types is null || types.Contains(item.Type))
                && (entities is null || entities.Contains("lead") || entities.Contains("leads"))
                && (entityIds is null || entityIds.Contains(item.EntityId))
                && (createdBy is null || createdBy.Contains(item.CreatedBy))
                && (ids is null || ids.Contains(item.Id)));
            return order switch
            {
                ("id", var desc) => desc
                    ? events.OrderByDescending(item => item.Id, StringComparer.Ordinal)
                    : events.OrderBy(item => item.Id, StringComparer.Ordinal),
                (_, var desc) => Sorting.By(events, item => item.CreatedAt.ToUnixTimeSeconds(), item => item.Id, desc),
                null => Sorting.By(events, item => item.CreatedAt.ToUnixTimeSeconds(), item => item.Id, descending: true),
            };
        }, range);
        return Paging.Page(context, runtime, "events", ordered, 100, (writer, item) => Write(writer, item, runtime));
    }

    private static void Write(Utf8JsonWriter writer, SimEvent item, SimulatorRuntime runtime)
    {
        writer.WriteStartObject();
        writer.WriteString("id", item.Id);
        writer.WriteString("type", item.Type);
        writer.WriteNumber("entity_id", item.EntityId);
        writer.WriteString("entity_type", "lead");
        writer.WriteNumber("created_by", item.CreatedBy);
        writer.WriteNumber("created_at", item.CreatedAt.ToUnixTimeSeconds());
        writer.WritePropertyName("value_after");
        writer.WriteRawValue(item.ValueAfterJson, skipInputValidation: true);
        writer.WritePropertyName("value_before");
        writer.WriteRawValue(item.ValueBeforeJson, skipInputValidation: true);
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/events/{item.Id}"));
        writer.WriteStartObject("_embedded");
        writer.WriteStartObject("entity");
        writer.WriteNumber("id", item.EntityId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/leads/{item.EntityId}"));
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
