using System.Globalization;
using System.Text.Json;
using KpiSync.CrmSimulator.Catalogs;
using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

internal static partial class CatalogEndpoints
{
    private static ApiResponse ListElements(HttpContext context, SimulatorRuntime runtime, CatalogEntry catalog)
    {
        var ids = QueryFilters.LongSet(context.Request.Query, "filter[id]");
        var search = context.Request.Query["query"].ToString();
        var elements = catalog.Elements
            .Where(element => (ids is null || ids.Contains(element.Id))
                && (search.Length == 0 || element.Name.Contains(search, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return Paging.Page(context, runtime, "elements", elements, 250, (writer, element) => WriteElement(writer, element, catalog, runtime, null));
    }

    /// <summary>
    /// POST creates elements; PATCH changes only the fields listed. <c>"values": null</c> clears a field, while an
    /// empty string or an empty list changes nothing (amocrm-api-php#352, #585). All items validate before any applies.
    /// </summary>
    private static ApiResponse WriteElements(JsonElement items, SimulatorRuntime runtime, CatalogEntry catalog, bool create)
    {
        var errors = new List<ValidationError>();
        var planned = new List<ElementChange>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var requestId = WriteRequests.RequestIdOf(item, index++);
            var name = WriteRequests.StringOf(item, "name");
            ElementEntry? target = null;
            if (create && string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new ValidationError(requestId, "NotBlank", "name", "This value should not be blank."));
            }
            else if (!create && (WriteRequests.LongOf(item, "id") is not { } id || (target = catalog.FindElement(id)) is null))
            {
                errors.Add(new ValidationError(requestId, "NotFound", "id", "Element not found."));
            }

            var values = ElementValues.Read(item, catalog, requestId, errors);
            planned.Add(new ElementChange(target, name, values, requestId));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = runtime.Time.GetUtcNow().ToUnixTimeSeconds();
        var written = new List<(ElementEntry Element, string RequestId)>();
        foreach (var change in planned)
        {
            var element = change.Target ?? runtime.State.CatalogStore.AddElement(catalog, change.Name!, now);
            element.Name = string.IsNullOrWhiteSpace(change.Name) ? element.Name : change.Name;
            element.UpdatedAt = now;
            foreach (var (fieldId, value) in change.Values)
            {
                if (value is null)
                {
                    element.Values.Remove(fieldId);
                }
                else
                {
                    element.Values[fieldId] = value;
                }
            }

            written.Add((element, change.RequestId));
        }

        catalog.UpdatedAt = now;
        return ApiResponse.Ok(writer => WriteCollection(writer, runtime, $"api/v4/catalogs/{catalog.Id}/elements", "elements", written,
            (w, entry) => WriteElement(w, entry.Element, catalog, runtime, entry.RequestId)));
    }

    private static void WriteElement(Utf8JsonWriter writer, ElementEntry element, CatalogEntry catalog, SimulatorRuntime runtime, string? requestId)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", element.Id);
        writer.WriteString("name", element.Name);
        writer.WriteNumber("created_by", 0);
        writer.WriteNumber("updated_by", 0);
        writer.WriteNumber("created_at", element.CreatedAt);
        writer.WriteNumber("updated_at", element.UpdatedAt);
        writer.WriteBoolean("is_deleted", false);
        var filled = catalog.Fields.Where(field => element.Values.ContainsKey(field.Id)).ToList();
        if (filled.Count == 0)
        {
            writer.WriteNull("custom_fields_values");
        }
        else
        {
            writer.WriteStartArray("custom_fields_values");
            foreach (var field in filled)
            {
                writer.WriteStartObject();
                writer.WriteNumber("field_id", field.Id);
                writer.WriteString("field_name", field.Name);
                writer.WriteString("field_code", field.Code);
                writer.WriteString("field_type", field.Type);
                writer.WriteStartArray("values");
                writer.WriteStartObject();
                if (field.IsDate && long.TryParse(element.Values[field.Id], NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
                {
                    writer.WriteNumber("value", unix);
                }
                else
                {
                    writer.WriteString("value", element.Values[field.Id]);
                }

                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber("catalog_id", catalog.Id);
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        WriteRequestId(writer, requestId);
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/catalogs/{catalog.Id}/elements/{element.Id}"));
        writer.WriteEndObject();
    }
}
