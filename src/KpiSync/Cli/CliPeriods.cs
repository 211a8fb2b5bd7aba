using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary>A month asked for that has no stored values is bad input: the error says which months have them.</summary>
internal static class CliPeriods
{
    public static async Task RequireValuesAsync(IServiceProvider services, Crm.CrmConnection connection, string period, CancellationToken ct)
    {
        var periods = await services.GetRequiredService<KpiValueStore>().ListPeriodsAsync(connection.Id, ct);
        if (periods.Contains(period, StringComparer.Ordinal))
        {
            return;
        }

        throw new CliUsageException(periods.Count == 0
            ? $"no KPI values for {period} in '{connection.Name}': it has none yet; run 'kpisync sync' and 'kpisync recompute'"
            : $"no KPI values for {period} in '{connection.Name}'; months with values: {Span(periods)}");
    }

    /// <summary>Every month, or the newest and oldest few when there are many.</summary>
    private static string Span(IReadOnlyList<string> newestFirst) =>
        newestFirst.Count <= 12 ? string.Join(", ", newestFirst.Reverse())
        : $"{string.Join(", ", newestFirst.TakeLast(3).Reverse())} … {string.Join(", ", newestFirst.Take(3).Reverse())} ({newestFirst.Count} months)";
}
