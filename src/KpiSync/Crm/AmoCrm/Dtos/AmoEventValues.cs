using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

/// <summary>
/// What the sync reads of an event's <c>value_after</c>/<c>value_before</c>: an array of one-key objects whose first
/// item holds <c>lead_status.id</c> (a stage change) or <c>responsible_user.id</c> (a hand-over). Every other shape
/// (notes, deadlines, custom fields, the empty array) reads as no ids.
/// </summary>
[JsonConverter(typeof(AmoEventValuesConverter))]
internal sealed record AmoEventValues(long? LeadStatusId, long? ResponsibleUserId)
{
    public static AmoEventValues None { get; } = new(null, null);
}

/// <summary>
/// Reads <see cref="AmoEventValues"/> straight from the reader. (As a <see cref="JsonElement"/>, each of the two values of
/// every event was copied into a document of its own.) Writes the same shape back, for quarantine.
/// </summary>
internal sealed class AmoEventValuesConverter : JsonConverter<AmoEventValues>
{
    public override AmoEventValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return AmoEventValues.None;
        }

        var values = AmoEventValues.None;
        for (var first = true; reader.Read() && reader.TokenType != JsonTokenType.EndArray; first = false)
        {
            if (first && reader.TokenType == JsonTokenType.StartObject)
            {
                values = ReadItem(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return values;
    }

    private static AmoEventValues ReadItem(ref Utf8JsonReader reader)
    {
        long? status = null, responsible = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStatus = reader.ValueTextEquals("lead_status"u8);
            var isResponsible = !isStatus && reader.ValueTextEquals("responsible_user"u8);
            reader.Read();
            if ((isStatus || isResponsible) && reader.TokenType == JsonTokenType.StartObject)
            {
                var id = ReadId(ref reader);
                status = isStatus ? id : status;
                responsible = isResponsible ? id : responsible;
            }
            else
            {
                reader.Skip();
            }
        }

        return new AmoEventValues(status, responsible);
    }

    private static long? ReadId(ref Utf8JsonReader reader)
    {
        long? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v))
            {
                id = v;
            }
            else
            {
                reader.Skip();
            }
        }

        return id;
    }

    public override void Write(Utf8JsonWriter writer, AmoEventValues value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var (name, id) in (ReadOnlySpan<(string, long?)>)[("lead_status", value.LeadStatusId), ("responsible_user", value.ResponsibleUserId)])
        {
            if (id is { } v)
            {
                writer.WriteStartObject();
                writer.WriteStartObject(name);
                writer.WriteNumber("id", v);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }
}
