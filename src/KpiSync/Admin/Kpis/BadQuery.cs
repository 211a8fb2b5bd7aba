using KpiSync.Kpis.Text;

namespace KpiSync.Admin.Kpis;

/// <summary>
/// What a KPI page says when its query names nothing that exists (HTTP 400): what was asked and what exists instead,
/// closest first. A typo must never quietly show another month, connection or employee: a director would read the
/// wrong numbers as the asked ones.
/// </summary>
internal static class BadQuery
{
    public static string Month(string? asked, IReadOnlyList<string> months) =>
        $"'{asked}' is not a month: write it as YYYY-MM. " + (months.Count == 0 ? "No month has values yet." : "Months with values: " + string.Join(", ", months) + ".");

    public static string Connection(string asked, IReadOnlyList<string> names) =>
        $"No connection '{asked}'. " + (names.Count == 0 ? "None is set up yet." : "Connections: " + string.Join(", ", CloseMatches.Ordered(asked, names)) + ".");

    /// <summary>"No <paramref name="what"/> 'x' … Did you mean …? Valid: …" with the close matches first.</summary>
    public static string Unknown(string what, string asked, IReadOnlyList<string> valid, string? where = null)
    {
        var close = CloseMatches.Of(asked, valid);
        return $"No {what} '{asked}'{where}. " + (close.Count > 0 ? $"Did you mean {string.Join(" or ", close)}? " : "")
            + (valid.Count == 0 ? "There is none." : $"Valid: {string.Join(", ", valid)}.");
    }
}
