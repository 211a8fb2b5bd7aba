using KpiSync.Kpis.Indicators;

namespace KpiSync.Cli;

/// <summary>Indicator keys on the command line, checked against the registry (<see cref="IndicatorKeys"/>).</summary>
internal static class CliIndicators
{
    private static readonly string[] Fixed = [.. IndicatorKeys.All, IndicatorKeys.KpiIndex, IndicatorKeys.PayTotal];

    public static void Validate(string key)
    {
        var k = key.Trim();
        if (Fixed.Contains(k, StringComparer.Ordinal) || IsParameterised(k))
        {
            return;
        }

        throw new CliUsageException(CliSuggestions.WithHint($"unknown indicator '{k}'", k, Fixed,
            $"indicators: {string.Join(", ", Fixed)}, {IndicatorKeys.Funnel}:<stage id>, {IndicatorKeys.Attention}:<segment>"));
    }

    // Per-stage and per-segment keys carry a value the data decides, so only their form can be checked here.
    private static bool IsParameterised(string k) =>
        (k.StartsWith(IndicatorKeys.Funnel + ":", StringComparison.Ordinal) && long.TryParse(k.AsSpan(IndicatorKeys.Funnel.Length + 1), out _))
        || (k.StartsWith(IndicatorKeys.Attention + ":", StringComparison.Ordinal) && k.Length > IndicatorKeys.Attention.Length + 1);
}
