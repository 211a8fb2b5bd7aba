using System.Text.Json;
using KpiSync.CrmSimulator.Generation;

namespace KpiSync.CrmSimulator.Api;

/// <summary>Predefined custom fields as amoCRM serves them: definitions (K-cf) and values (README §4.10).</summary>
internal static class CustomFieldJson
{
    /// <summary>One entry of custom_fields_values.</summary>
    public static void WriteValue(Utf8JsonWriter writer, FieldDefinition field, Action<Utf8JsonWriter> writeValue)
    {
        writer.WriteStartObject();
        writer.WriteNumber("field_id", field.Id);
        writer.WriteString("field_name", field.Name);
        writer.WriteString("field_code", field.Code);
        writer.WriteString("field_type", field.Type);
        writer.WriteStartArray("values");
        writer.WriteStartObject();
        writeValue(writer);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteEnum(Utf8JsonWriter writer, FieldEnum option)
    {
        writer.WriteString("value", option.Value);
        writer.WriteNumber("enum_id", option.Id);
        if (option.Code is not null)
        {
            writer.WriteString("enum_code", option.Code);
        }
    }

    /// <summary>The shape of fixtures/amocrm-custom-field-created.json; <paramref name="catalogId"/> only for catalog fields.</summary>
    public static void WriteDefinition(Utf8JsonWriter writer, FieldDefinition field, string entityType, long? catalogId, string href)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", field.Id);
        writer.WriteString("name", field.Name);
        writer.WriteString("type", field.Type);
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        writer.WriteString("code", field.Code);
        writer.WriteNumber("sort", field.Sort);
        writer.WriteBoolean("is_api_only", false);
        if (field.Enums is { } enums)
        {
            writer.WriteStartArray("enums");
            foreach (var option in enums)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", option.Id);
                writer.WriteString("value", option.Value);
                writer.WriteNumber("sort", option.Sort);
                if (option.Code is not null)
                {
                    writer.WriteString("code", option.Code);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull("enums");
        }

        writer.WriteNull("group_id");
        writer.WriteStartArray("required_statuses");
        writer.WriteEndArray();
        writer.WriteBoolean("is_deletable", catalogId is null);
        writer.WriteBoolean("is_predefined", catalogId is not null);
        writer.WriteString("entity_type", entityType);
        if (catalogId is { } id)
        {
            writer.WriteNumber("catalog_id", id);
        }

        writer.WriteNull("tracking_callback");
        writer.WriteNull("remind");
        writer.WriteStartArray("triggers");
        writer.WriteEndArray();
        writer.WriteNull("currency");
        writer.WriteStartArray("hidden_statuses");
        writer.WriteEndArray();
        writer.WriteNull("chained_lists");
        Paging.WriteSelfLinks(writer, href);
        writer.WriteEndObject();
    }
}
