using System.Globalization;
using System.Text.Json;
using KpiSync.CrmSimulator.Generation;
using KpiSync.CrmSimulator.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>GET /api/v4/leads/notes: call notes, with params.duration as a JSON string (a real-world quirk).</summary>
internal static class NoteEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime) =>
        app.MapGet("/api/v4/leads/notes", context => List(context, runtime).WriteAsync(context));

    private static ApiResponse List(HttpContext context, SimulatorRuntime runtime)
    {
        var query = context.Request.Query;
        var updated = QueryFilters.Range(query, "filter[updated_at]");
        var types = QueryFilters.StringSet(query, "filter[note_type]");
        var ids = QueryFilters.LongSet(query, "filter[id]");
        var entityIds = QueryFilters.LongSet(query, "filter[entity_id]");
        var order = QueryFilters.Order(query, "updated_at", "id");
        // Notes are never edited, so updated_at is created_at; sorted by it, the range is a slice of the cached list.
        SortedRange<SimCallNote>? range = order is ("updated_at", var descending)
            ? new(note => note.CreatedAt.ToUnixTimeSeconds(), updated.From, updated.To, descending)
            : null;
        var filtered = range is null ? updated : QueryFilters.Unbounded;
        var key = QueryFilters.CacheKey(context, range is null ? null : "filter[updated_at]");
        var ordered = runtime.Store.Query(key, store =>
        {
            var notes = store.Notes.Where(note =>
                filtered.InRange(note.CreatedAt)
                && (types is null || types.Contains(note.NoteType))
                && (ids is null || ids.Contains(note.Id))
                && (entityIds is null || entityIds.Contains(note.EntityId)));
            return order switch
            {
                ("updated_at", var desc) => Sorting.By(notes, note => note.CreatedAt.ToUnixTimeSeconds(), note => note.Id, desc),
                ("id", true) => notes.OrderByDescending(note => note.Id),
                _ => notes.OrderBy(note => note.Id),
            };
        }, range);
        return Paging.Page(context, runtime, "notes", ordered, 250, (writer, note) => Write(writer, note, runtime));
    }

    private static void Write(Utf8JsonWriter writer, SimCallNote note, SimulatorRuntime runtime)
    {
        var at = note.CreatedAt.ToUnixTimeSeconds();
        writer.WriteStartObject();
        writer.WriteNumber("id", note.Id);
        writer.WriteNumber("entity_id", note.EntityId);
        writer.WriteNumber("created_by", note.ResponsibleUserId);
        writer.WriteNumber("updated_by", note.ResponsibleUserId);
        writer.WriteNumber("created_at", at);
        writer.WriteNumber("updated_at", at);
        writer.WriteNumber("responsible_user_id", note.ResponsibleUserId);
        writer.WriteNumber("group_id", 0);
        writer.WriteString("note_type", note.NoteType);
        writer.WriteStartObject("params");
        writer.WriteString("uniq", note.Uniq);
        writer.WriteString("duration", note.DurationSeconds.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("source", note.Source);
        writer.WriteString("link", note.Link);
        writer.WriteString("phone", note.Phone);
        if (note.CallStatus is { } status)
        {
            writer.WriteNumber("call_status", status);
        }

        writer.WriteString("call_result", note.CallResult);
        writer.WriteEndObject();
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/leads/{note.EntityId}/notes/{note.Id}"));
        writer.WriteEndObject();
    }
}
