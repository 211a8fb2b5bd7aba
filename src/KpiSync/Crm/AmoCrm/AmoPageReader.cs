using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KpiSync.Crm.AmoCrm;

/// <summary>
/// Reads a list page in one pass: each record of <c>_embedded.{name}</c> is deserialized straight from the body.
/// (Parsing the page into a document first and deserializing each element from it tokenized every byte twice.)
/// A record that does not deserialize is skipped and rejected with its raw JSON; a body that is not JSON throws
/// <see cref="JsonException"/>, like a document parse, so the page is read again.
/// </summary>
internal static class AmoPageReader
{
    public static CrmPage<T> Read<T>(ReadOnlySpan<byte> body, string embedded, JsonTypeInfo<T> type, Func<JsonElement, string> keyOf)
    {
        var reader = new Utf8JsonReader(body);
        Expect(ref reader, JsonTokenType.StartObject);
        var hasNext = false;
        List<T>? ok = null;
        var rejected = new List<RejectedRecord>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("_links"u8))
            {
                hasNext = HasNext(ref reader);
            }
            else if (reader.ValueTextEquals("_embedded"u8))
            {
                ok = ReadEmbedded(ref reader, body, embedded, type, keyOf, rejected);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            throw new JsonException("content after the page's object");
        }

        return new CrmPage<T>(ok ?? [], rejected, hasNext);
    }

    private static bool HasNext(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var found = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            found |= reader.ValueTextEquals("next"u8);
            Next(ref reader);
            reader.Skip();
        }

        return found;
    }

    private static List<T>? ReadEmbedded<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, string embedded, JsonTypeInfo<T> type,
        Func<JsonElement, string> keyOf, List<RejectedRecord> rejected)
    {
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        List<T>? items = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var mine = reader.ValueTextEquals(embedded);
            if (Next(ref reader) == JsonTokenType.StartArray && mine)
            {
                items = [];
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    ReadItem(ref reader, body, type, keyOf, items, rejected);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    private static void ReadItem<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, JsonTypeInfo<T> type, Func<JsonElement, string> keyOf,
        List<T> items, List<RejectedRecord> rejected)
    {
        var start = reader; // a struct: a copy is a bookmark to come back to
        try
        {
            items.Add(JsonSerializer.Deserialize(ref reader, type) ?? throw new JsonException("null record"));
        }
        catch (JsonException e)
        {
            // Skip throws in turn if the record is not even JSON: then the whole page is unreadable.
            reader = start;
            var from = (int)reader.TokenStartIndex;
            var element = JsonElement.ParseValue(ref reader);
            rejected.Add(new RejectedRecord(keyOf(element), Encoding.UTF8.GetString(body[from..(int)reader.BytesConsumed]), "does not parse: " + e.Message));
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the page ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (Next(ref reader) != token)
        {
            throw new JsonException($"expected {token}, found {reader.TokenType}");
        }
    }
}
