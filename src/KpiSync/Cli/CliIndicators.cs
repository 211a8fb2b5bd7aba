using KpiSync.Kpis.Indicators;

namespace KpiSync.Cli;

/// <summary>Indicator keys on the command line: what a scheme may name (<see cref="IndicatorCatalog"/>), plus the index
/// and pay a scheme computes.</summary>
internal static class CliIndicators
{
    private static readonly string[] Fixed = [.. IndicatorKeys.All, IndicatorKeys.KpiIndex, IndicatorKeys.PayTotal];

    public static void Validate(string key)
    {
        var k = key.Trim();
        if (IndicatorCatalog.IsKnown(k) || k is IndicatorKeys.KpiIndex or IndicatorKeys.PayTotal)
        {
            return;
        }

        throw new CliUsageException(CliSuggestions.WithHint($"unknown indicator '{k}'", k, Fixed,
            $"indicators: {string.Join(", ", Fixed)}, {IndicatorKeys.Funnel}:<stage id>, {IndicatorKeys.Attention}:<segment>"));
    }
}
