using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Text;

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
                var close = CloseMatches.Of(key, Choosable);
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
}
