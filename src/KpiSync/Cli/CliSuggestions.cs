namespace KpiSync.Cli;

/// <summary>Close matches for a mistyped name, so an error can say what the user probably meant.</summary>
internal static class CliSuggestions
{
    /// <summary>The candidates within a few edits of <paramref name="text"/>, closest first (at most three).</summary>
    public static IReadOnlyList<string> Closest(string text, IEnumerable<string> candidates)
    {
        var t = text.Trim().ToLowerInvariant();
        // A third of the length tolerates one slip in a short key and a few in a long name, without suggesting noise.
        var limit = Math.Max(2, t.Length / 3);
        return candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Candidate: c, Distance: Distance(t, c.ToLowerInvariant())))
            .Where(x => x.Distance <= limit || (t.Length >= 3 && x.Candidate.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(3).Select(x => x.Candidate).ToList();
    }

    /// <summary>"; did you mean 'a' or 'b'?" or an empty string.</summary>
    public static string DidYouMean(string text, IEnumerable<string> candidates) =>
        Closest(text, candidates) is { Count: > 0 } close ? $"; did you mean {Quoted(close, "or")}?" : "";

    /// <summary>The head, then "; did you mean 'x'? Rest." or "; rest.": one line either way.</summary>
    public static string WithHint(string head, string typed, IEnumerable<string> candidates, string rest) =>
        DidYouMean(typed, candidates) is { Length: > 0 } hint ? $"{head}{hint} {char.ToUpperInvariant(rest[0])}{rest[1..]}" : $"{head}; {rest}";

    /// <summary>'a', 'b' and 'c' (or with <paramref name="last"/> "or").</summary>
    public static string Quoted(IReadOnlyList<string> names, string last = "and") => names.Count switch
    {
        0 => "",
        1 => $"'{names[0]}'",
        _ => string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" {last} '{names[^1]}'",
    };

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
