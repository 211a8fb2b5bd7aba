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
        $"No connection '{asked}'. " + (names.Count == 0 ? "None is set up yet." : "Connections: " + string.Join(", ", Closest(asked, names)) + ".");

    /// <summary>"No <paramref name="what"/> 'x' … Did you mean …? Valid: …" with the close matches first.</summary>
    public static string Unknown(string what, string asked, IReadOnlyList<string> valid, string? where = null)
    {
        var close = valid.Where(v => Distance(asked, v) <= Math.Max(2, asked.Length / 3) || v.Contains(asked, StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
        return $"No {what} '{asked}'{where}. " + (close.Count > 0 ? $"Did you mean {string.Join(" or ", close)}? " : "")
            + (valid.Count == 0 ? "There is none." : $"Valid: {string.Join(", ", valid)}.");
    }

    private static IEnumerable<string> Closest(string asked, IEnumerable<string> valid) =>
        valid.OrderBy(v => Distance(asked, v)).ThenBy(v => v, StringComparer.Ordinal);

    /// <summary>Levenshtein distance, case-insensitive: short keys and names, so the quadratic table is tiny.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
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
