using KpiSync.Kpis.Text;

namespace KpiSync.Cli;

/// <summary>Close matches for a mistyped name, so an error can say what the user probably meant.</summary>
internal static class CliSuggestions
{
    /// <summary>The candidates within a few edits of <paramref name="text"/>, closest first (at most three).</summary>
    public static IReadOnlyList<string> Closest(string text, IEnumerable<string> candidates) => CloseMatches.Of(text, candidates);

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
}
