using System.Text.Json;
using KpiSync.CrmSimulator.Catalogs;
using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

internal static partial class CatalogEndpoints
{
    private static readonly HashSet<string> _fieldTypes = new(
        ["text", "numeric", "checkbox", "select", "multiselect", "date", "url", "textarea", "radiobutton", "date_time",
         "birthday", "price", "monetary", "file", "linked_entity", "category"],
        StringComparer.Ordinal);

    private static ApiResponse ListFields(HttpContext context, SimulatorRuntime runtime, CatalogEntry catalog) =>
        Paging.Page(context, runtime, "custom_fields", catalog.Fields, 250, (writer, field) => WriteField(writer, field, runtime, null));

    private static ApiResponse CreateFields(JsonElement items, SimulatorRuntime runtime, CatalogEntry catalog)
    {
        var errors = new List<ValidationError>();
        var planned = new List<(string Name, string Type, string? Code, int Sort, bool IsApiOnly, string RequestId)>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var requestId = WriteRequests.RequestIdOf(item, index);
            var name = WriteRequests.StringOf(item, "name");
            var type = WriteRequests.StringOf(item, "type");
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new ValidationError(requestId, "NotBlank", "name", "This value should not be blank."));
            }

            if (type is null || !_fieldTypes.Contains(type))
            {
                errors.Add(new ValidationError(requestId, "NotSupportedChoice", "type", "The value you selected is not a valid choice."));
            }

            var isApiOnly = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("is_api_only", out var apiOnly) && apiOnly.ValueKind == JsonValueKind.True;
            var sort = (int)(WriteRequests.LongOf(item, "sort") ?? 500);
            planned.Add((name ?? "", type ?? "", WriteRequests.StringOf(item, "code"), sort, isApiOnly, requestId));
            index++;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var store = runtime.State.CatalogStore;
        var created = planned
            .Select(plan => (Field: store.AddField(catalog, plan.Name, plan.Type, plan.Code, plan.Sort, plan.IsApiOnly), plan.RequestId))
            .ToList();
        return ApiResponse.Ok(writer => WriteCollection(writer, runtime, $"api/v4/catalogs/{catalog.Id}/custom_fields", "custom_fields", created,
            (w, entry) => WriteField(w, entry.Field, runtime, entry.RequestId)));
    }

    /// <summary>
    /// PATCH: renames fields, re-codes or re-sorts them (K-cf "Updating custom fields"); what an item does not send stays.
    /// All items validate before any applies.
    /// </summary>
    private static ApiResponse UpdateFields(JsonElement items, SimulatorRuntime runtime, CatalogEntry catalog)
    {
        var errors = new List<ValidationError>();
        var planned = new List<(FieldEntry Field, string? Name, string? Code, long? Sort, string RequestId)>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var requestId = WriteRequests.RequestIdOf(item, index++);
            var name = WriteRequests.StringOf(item, "name");
            if (WriteRequests.LongOf(item, "id") is not { } id || catalog.FindField(id) is not { } field)
            {
                errors.Add(new ValidationError(requestId, "NotFound", "id", "Field not found."));
                continue;
            }

            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new ValidationError(requestId, "NotBlank", "name", "This value should not be blank."));
            }

            planned.Add((field, name, WriteRequests.StringOf(item, "code"), WriteRequests.LongOf(item, "sort"), requestId));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        foreach (var (field, name, code, sort, _) in planned)
        {
            field.Name = name ?? field.Name;
            field.Code = code ?? field.Code;
            field.Sort = sort is { } s ? (int)s : field.Sort;
        }

        return ApiResponse.Ok(writer => WriteCollection(writer, runtime, $"api/v4/catalogs/{catalog.Id}/custom_fields", "custom_fields", planned,
            (w, entry) => WriteField(w, entry.Field, runtime, entry.RequestId)));
    }

    /// <summary>The shape of fixtures/amocrm-custom-field-created.json, with entity_type "catalogs".</summary>
    private static void WriteField(Utf8JsonWriter writer, FieldEntry field, SimulatorRuntime runtime, string? requestId)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", field.Id);
        writer.WriteString("name", field.Name);
        writer.WriteString("type", field.Type);
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        writer.WriteString("code", field.Code);
        writer.WriteNumber("sort", field.Sort);
        writer.WriteBoolean("is_api_only", field.IsApiOnly);
        writer.WriteNull("enums");
        writer.WriteNull("group_id");
        writer.WriteStartArray("required_statuses");
        writer.WriteEndArray();
        writer.WriteBoolean("is_deletable", true);
        writer.WriteBoolean("is_predefined", false);
        writer.WriteString("entity_type", "catalogs");
        writer.WriteNumber("catalog_id", field.CatalogId);
        writer.WriteNull("tracking_callback");
        writer.WriteNull("remind");
        writer.WriteStartArray("triggers");
        writer.WriteEndArray();
        writer.WriteNull("currency");
        writer.WriteStartArray("hidden_statuses");
        writer.WriteEndArray();
        writer.WriteNull("chained_lists");
        WriteRequestId(writer, requestId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/catalogs/{field.CatalogId}/custom_fields/{field.Id}"));
        writer.WriteEndObject();
    }
}
