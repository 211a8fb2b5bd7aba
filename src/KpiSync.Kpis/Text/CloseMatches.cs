namespace KpiSync.Kpis.Text;

/// <summary>
/// The names close to a mistyped one, so an error can say what was probably meant: within a few edits (a third of the
/// length, at least 2: one slip in a short key, a few in a long name, no noise), or containing what was typed
/// (<c>idle</c> → <c>idle_hours</c>). Case is ignored.
/// </summary>
public static class CloseMatches
{
    /// <summary>At most <paramref name="most"/> candidates close to <paramref name="typed"/>, closest first.</summary>
    public static IReadOnlyList<string> Of(string typed, IEnumerable<string> candidates, int most = 3)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var t = typed.Trim();
        var limit = Math.Max(2, t.Length / 3);
        return [.. candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Candidate: c, Score: Score(t, c)))
            .Where(x => x.Score <= limit)
            .OrderBy(x => x.Score).ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(most).Select(x => x.Candidate)];
    }

    /// <summary>Every candidate, closest to <paramref name="typed"/> first.</summary>
    public static IEnumerable<string> Ordered(string typed, IEnumerable<string> candidates) =>
        candidates.OrderBy(c => Score(typed.Trim(), c)).ThenBy(c => c, StringComparer.Ordinal);

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), case-insensitive.</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

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

    // A candidate containing what was typed counts as close as a one-letter slip.
    private static int Score(string typed, string candidate)
    {
        var distance = EditDistance(typed, candidate);
        return typed.Length >= 3 && candidate.Contains(typed, StringComparison.OrdinalIgnoreCase) ? Math.Min(1, distance) : distance;
    }
}
