using KpiSync.Kpis.Indicators;

namespace KpiSync.Publishing;

/// <summary>Which indicator keys a push writes, from <see cref="PublishingOptions.Indicators"/> and <see cref="PublishingOptions.IncludePay"/>.</summary>
internal static class PublishedIndicators
{
    private const string Key = PublishingOptions.SectionName + ":" + nameof(PublishingOptions.Indicators);

    /// <summary>The keys <see cref="PublishingOptions.Indicators"/> may list: every published one but pay, which has its own switch.</summary>
    public static IReadOnlyList<string> Choosable { get; } = [.. KpiPublisher.PublishedKeys.Where(k => k != IndicatorKeys.PayTotal)];

    /// <summary>The keys to write, in display order; options are validated at start-up (<see cref="Explain"/>).</summary>
    public static IReadOnlyList<string> Of(PublishingOptions options)
    {
        HashSet<string> chosen = Parse(options.Indicators) is { } listed ? [.. listed] : [.. Choosable];
        if (options.IncludePay)
        {
            chosen.Add(IndicatorKeys.PayTotal);
        }

        return [.. KpiPublisher.PublishedKeys.Where(chosen.Contains)];
    }

    /// <summary>What is wrong with <paramref name="indicators"/>, naming the key and what exists instead; null when it is valid.</summary>
    public static string? Explain(string? indicators)
    {
        var listed = indicators is null ? [] : Parse(indicators);
        if (listed is { Count: 0 })
        {
            return $"{Key} is empty: use '{PublishingOptions.AllIndicators}' or a comma-separated list of: {string.Join(", ", Choosable)}.";
        }

        foreach (var key in listed ?? [])
        {
            if (key == IndicatorKeys.PayTotal)
            {
                return $"{Key} lists '{key}': pay is pushed by Publishing:IncludePay=true, not by this list.";
            }

            if (!Choosable.Contains(key))
            {
                var close = Close(key);
                return $"{Key}: unknown indicator '{key}'."
                    + (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : "")
                    + $" Use '{PublishingOptions.AllIndicators}' or a comma-separated list of: {string.Join(", ", Choosable)}.";
            }
        }

        return null;
    }

    /// <summary>The listed keys, or null for "all".</summary>
    private static List<string>? Parse(string indicators) =>
        string.Equals(indicators.Trim(), PublishingOptions.AllIndicators, StringComparison.OrdinalIgnoreCase)
            ? null
            : [.. indicators.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Up to three keys within a few typos of <paramref name="key"/>, or containing it, nearest first.</summary>
    private static List<string> Close(string key) =>
        [.. Choosable.Select(c => (Key: c, Distance: Distance(key.ToLowerInvariant(), c)))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 3) || c.Key.Contains(key, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance).ThenBy(c => c.Key, StringComparer.Ordinal).Take(3).Select(c => c.Key)];

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
