using System.Globalization;
using System.Text.Json;

namespace KpiSync.Kpis.Json;

/// <summary>
/// Walks director-written JSON (schemes, calendars) and collects every mistake with its JSON path, so
/// one save shows them all instead of the first. Readers return null on a bad value and carry on.
/// </summary>
internal sealed class JsonFieldReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    private readonly List<(string Path, string Message)> _errors = [];

    public IReadOnlyList<(string Path, string Message)> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Error(string path, string message) => _errors.Add((path, message));

    /// <summary>Parses <paramref name="json"/>; null (and an error at <c>$</c> with line and position) when it is not JSON.</summary>
    public JsonDocument? Open(string json)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            // The reader's message ends in " LineNumber: 2 | BytePositionInLine: 4."; say it once, 1-based.
            var reason = e.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = cut > 0 ? reason[..cut] : reason;
            Error("$", Invariant($"malformed JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {reason}"));
            return null;
        }
    }

    /// <summary>Checks that <paramref name="e"/> is an object whose properties are all known and unique.</summary>
    public bool Object(JsonElement e, string path, params ReadOnlySpan<string> allowed)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object, found {Describe(e)}");
            return false;
        }

        HashSet<string>? seen = null;
        foreach (var p in e.EnumerateObject())
        {
            if (!allowed.Contains(p.Name))
            {
                // Unknown names are errors so a typo ("wieght") never silently falls back to a default.
                Error(Child(path, p.Name), $"unknown property '{p.Name}'; expected one of: {string.Join(", ", allowed)}");
            }
            else if (!(seen ??= new(StringComparer.Ordinal)).Add(p.Name))
            {
                Error(Child(path, p.Name), "duplicate property");
            }
        }

        return true;
    }

    /// <summary>The property's value, or null when absent or JSON null (an error when required).</summary>
    public JsonElement? Property(JsonElement obj, string path, string name, bool required)
    {
        if (obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
        {
            return v;
        }

        if (required)
        {
            Error(Child(path, name), "required");
        }

        return null;
    }

    public decimal? Number(JsonElement obj, string path, string name, bool required)
    {
        if (Property(obj, path, name, required) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
        {
            return d;
        }

        Error(Child(path, name), v.ValueKind == JsonValueKind.Number ? "number out of range" : $"expected a number, found {Describe(v)}");
        return null;
    }

    public string? String(JsonElement obj, string path, string name, bool required)
    {
        if (Property(obj, path, name, required) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        Error(Child(path, name), $"expected a string, found {Describe(v)}");
        return null;
    }

    public bool? Bool(JsonElement obj, string path, string name)
    {
        if (Property(obj, path, name, required: false) is not { } v)
        {
            return null;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        Error(Child(path, name), $"expected true or false, found {Describe(v)}");
        return null;
    }

    /// <summary>An array property's value; null when absent, or not an array (then an error).</summary>
    public JsonElement? Array(JsonElement obj, string path, string name, bool required)
    {
        if (Property(obj, path, name, required) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Array)
        {
            return v;
        }

        Error(Child(path, name), $"expected an array, found {Describe(v)}");
        return null;
    }

    /// <summary>Records an error unless <paramref name="ok"/>; returns <paramref name="ok"/>.</summary>
    public bool Check(bool ok, string path, string message)
    {
        if (!ok)
        {
            Error(path, message);
        }

        return ok;
    }

    /// <summary><c>$.a.b</c>, or <c>$.a['funnel_conversion:142']</c> where the name is not a plain identifier.</summary>
    public static string Child(string path, string name) =>
        IsIdentifier(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Item(string path, int index) => Invariant($"{path}[{index}]");

    public static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => e.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
