using System.Globalization;
using System.Text.Json;
using KpiSync.CrmSimulator.Catalogs;

namespace KpiSync.CrmSimulator.Api;

/// <summary>Reads <c>custom_fields_values</c> of a catalog element write into per-field changes, collecting validation errors.</summary>
internal static class ElementValues
{
    public static List<(long FieldId, string? Value)> Read(JsonElement item, CatalogEntry catalog, string requestId, List<ValidationError> errors)
    {
        var changes = new List<(long, string?)>();
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("custom_fields_values", out var list)
            || list.ValueKind == JsonValueKind.Null)
        {
            return changes;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError(requestId, "InvalidType", "custom_fields_values", "This value should be of type array."));
            return changes;
        }

        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var path = $"custom_fields_values.{index++}";
            var field = WriteRequests.LongOf(entry, "field_id") is { } id ? catalog.FindField(id)
                : WriteRequests.StringOf(entry, "field_code") is { } code ? catalog.FindField(code)
                : null;
            if (field is null)
            {
                errors.Add(new ValidationError(requestId, "NotSupportedChoice", path + ".field_id", "The value you selected is not a valid choice."));
                continue;
            }

            if (!entry.TryGetProperty("values", out var values))
            {
                continue;
            }

            if (values.ValueKind == JsonValueKind.Null)
            {
                changes.Add((field.Id, null));
                continue;
            }

            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                continue;
            }

            var first = values[0];
            var value = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("value", out var raw) ? raw : default;
            switch (ReadValue(value, field))
            {
                case { Valid: false }:
                    errors.Add(new ValidationError(requestId, "InvalidValue", path + ".values.0.value", field.IsDate
                        ? "This value should be a valid date."
                        : field.IsNumeric ? "This value should be a valid number." : "This value should be a string."));
                    break;
                case { Text: { Length: > 0 } text }:
                    changes.Add((field.Id, text));
                    break;
                case { Text: null }:
                    changes.Add((field.Id, null));
                    break;
            }
        }

        return changes;
    }

    /// <summary>A string or number becomes the stored string; numeric fields accept only numbers or numeric strings;
    /// date fields a Unix time or an RFC 3339 string (as amoCRM's own library sends), kept as Unix seconds.</summary>
    private static (bool Valid, string? Text) ReadValue(JsonElement value, FieldEntry field) => value.ValueKind switch
    {
        JsonValueKind.Number when field.IsDate => value.TryGetInt64(out var unix) ? (true, unix.ToString(CultureInfo.InvariantCulture)) : (false, null),
        JsonValueKind.String when field.IsDate && value.GetString() is { Length: > 0 } text => DateTimeOffset.TryParseExact(text,
            ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssZ"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (true, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            : (false, null),
        JsonValueKind.Number => (true, value.GetRawText()),
        JsonValueKind.String when value.GetString() is { Length: 0 } => (true, ""),
        JsonValueKind.String when !field.IsNumeric || IsNumber(value.GetString()) => (true, value.GetString()),
        JsonValueKind.True or JsonValueKind.False when !field.IsNumeric => (true, value.ValueKind == JsonValueKind.True ? "1" : "0"),
        JsonValueKind.Null => (true, null),
        _ => (false, null),
    };

    private static bool IsNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);
}
