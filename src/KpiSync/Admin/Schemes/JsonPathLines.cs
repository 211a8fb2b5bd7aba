using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KpiSync.Kpis.Schemes;

namespace KpiSync.Admin.Schemes;

/// <summary>
/// Puts scheme validation errors in place: finds the line of each JSON path (<c>$.indicators[1].weight</c>, written
/// the way the scheme reader writes them) so the page shows the message under that line. A path that is not in the
/// document (a missing required property) goes to its nearest ancestor; a syntax error to the line it names.
/// </summary>
internal static partial class JsonPathLines
{
    public static IReadOnlyList<AnnotatedLine> Annotate(string json, IReadOnlyList<SchemeError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(errors);
        var lines = json.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var located = Locate(json);
        var byLine = errors.ToLookup(e => Math.Clamp(LineOf(e, located), 1, lines.Length));
        return lines.Select((text, i) => new AnnotatedLine(i + 1, text, [.. byLine[i + 1]])).ToList();
    }

    /// <summary>The 1-based line where each path's property name (or array item) starts.</summary>
    public static Dictionary<string, int> Locate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<(string Path, bool Array, int Index)>();
        string? property = null;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                var line = LineAt(lineStarts, reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = Child(stack[^1].Path, reader.GetString()!);
                        found.TryAdd(property, line);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = ValuePath(stack, property);
                        found.TryAdd(path, line);
                        stack.Add((path, reader.TokenType == JsonTokenType.StartArray, -1));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        break;
                    default:
                        found.TryAdd(ValuePath(stack, property), line);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the paths up to the mistake are located; the reader's own error names the line.
        }

        return found;
    }

    private static int LineOf(SchemeError error, Dictionary<string, int> located)
    {
        if (SyntaxLine().Match(error.Message) is { Success: true } m)
        {
            return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        for (var path = error.Path; path.Length > 0; path = Parent(path))
        {
            if (located.TryGetValue(path, out var line))
            {
                return line;
            }
        }

        return 1;
    }

    private static string ValuePath(List<(string Path, bool Array, int Index)> stack, string? property)
    {
        if (stack.Count == 0)
        {
            return "$";
        }

        var top = stack[^1];
        if (!top.Array)
        {
            return property ?? top.Path;
        }

        stack[^1] = top with { Index = top.Index + 1 };
        return string.Create(CultureInfo.InvariantCulture, $"{top.Path}[{top.Index + 1}]");
    }

    /// <summary>As the scheme reader names a property: <c>.name</c> for identifiers, <c>['odd name']</c> otherwise.</summary>
    private static string Child(string path, string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut > 0 ? path[..cut] : "";
    }

    private static int LineAt(List<int> lineStarts, long offset)
    {
        var i = lineStarts.BinarySearch((int)offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    [GeneratedRegex(@"malformed JSON at line (\d+)")]
    private static partial Regex SyntaxLine();
}

/// <summary>One line of the submitted JSON with the errors that belong to it.</summary>
internal sealed record AnnotatedLine(int Number, string Text, IReadOnlyList<SchemeError> Errors);
