using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

/// <summary>Reads an integer sent as a JSON number or a numeric string ("135"); "" and null read as null.</summary>
internal sealed class FlexibleInt64Converter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt64(out var n) => n,
        JsonTokenType.Number => (long)reader.GetDouble(),
        JsonTokenType.String when reader.GetString() is { Length: 0 } => null,
        JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
        _ => throw new JsonException($"Expected an integer, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
