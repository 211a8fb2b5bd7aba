using KpiSync.Kpis.Text;

namespace KpiSync.Kpis.Indicators;

/// <summary>
/// Which indicator keys exist, for the parsers of schemes and plans: a misspelt key (<c>convertion</c>, <c>callz</c>)
/// would otherwise be stored and silently count as "no fact". Only <c>funnel_conversion</c> and <c>attention</c> take a
/// <c>:parameter</c> (a stage id, a client segment); the index and pay total come from a scheme, so a scheme cannot use them.
/// </summary>
public static class IndicatorCatalog
{
    private static readonly HashSet<string> Plain = new(IndicatorKeys.All, StringComparer.Ordinal);
    private static readonly string[] Parameterized = [IndicatorKeys.Funnel, IndicatorKeys.Attention];

    /// <summary>How every message of <see cref="Check"/> starts.</summary>
    public const string UnknownPrefix = "unknown indicator ";

    /// <summary>Every key as a reader should see it listed.</summary>
    public static IReadOnlyList<string> Listed { get; } =
        [.. IndicatorKeys.All, $"{IndicatorKeys.Funnel}:{{stage_id}}", $"{IndicatorKeys.Attention}:{{segment}}"];

    public static bool IsKnown(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? Plain.Contains(key) : Parameterized.Contains(key[..colon], StringComparer.Ordinal) && colon + 1 < key.Length;
    }

    /// <summary>
    /// Null for a known key; otherwise "unknown indicator 'convertion'; did you mean 'conversion'? Known: calls, …".
    /// </summary>
    public static string? Check(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IsKnown(key))
        {
            return null;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? key : key[..colon];
        var suffix = colon < 0 ? "" : key[colon..];
        var candidates = colon < 0 ? Plain.AsEnumerable() : Parameterized;
        var close = CloseMatches.Of(name, candidates).Select(k => $"'{k}{suffix}'").ToList();
        var hint = close.Count == 0 ? ""
            : close.Count == 1 ? $"; did you mean {close[0]}?"
            : $"; did you mean {string.Join(" or ", close)}?";
        var known = $"Known: {string.Join(", ", Listed)}";
        return colon >= 0 && Plain.Contains(name)
            ? $"{UnknownPrefix}'{key}': only {IndicatorKeys.Funnel} and {IndicatorKeys.Attention} take a ':parameter'; {known}"
            : $"{UnknownPrefix}'{key}'{hint}{(hint.Length == 0 ? ";" : "")} {known}";
    }
}
