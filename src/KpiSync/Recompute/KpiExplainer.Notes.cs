using System.Globalization;
using System.Text.RegularExpressions;

namespace KpiSync.Recompute;

/// <summary>
/// The engine writes its trace notes in UTC with raw CRM codes (it is pure and knows no account); a reader wants the
/// account's wall clock and words. Rewritten here, once, so the dashboard and the CLI's <c>explain</c> read the same.
/// </summary>
internal sealed partial class KpiExplainer
{
    /// <summary>amoCRM's call_status codes (API v4 "adding calls"; 8 is the official library's "undefined").</summary>
    private static readonly Dictionary<string, string> AmoCallStatuses = new(StringComparer.Ordinal)
    {
        ["1"] = "left a message", ["2"] = "call back later", ["3"] = "not available", ["4"] = "conversation",
        ["5"] = "wrong number", ["6"] = "no answer", ["7"] = "line busy", ["8"] = "undefined",
    };

    /// <summary>A note with its UTC instants in <paramref name="zone"/> and, for amoCRM, call statuses by name.</summary>
    internal static string Localize(string note, TimeZoneInfo zone, string crmKind)
    {
        ArgumentNullException.ThrowIfNull(note);
        var text = UtcInstant().Replace(note, m =>
            DateTimeOffset.TryParseExact(m.Value, "yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                : m.Value);
        return crmKind == "amocrm"
            ? CallStatus().Replace(text, m => AmoCallStatuses.TryGetValue(m.Groups[1].Value, out var name) ? "status: " + name : m.Value)
            : text;
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ")]
    private static partial Regex UtcInstant();

    [GeneratedRegex(@"status (\d+)")]
    private static partial Regex CallStatus();
}
