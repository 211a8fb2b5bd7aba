using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary>A scheme named on the command line; an unknown name or version is bad input, and the error lists what is stored.</summary>
internal static class CliSchemes
{
    public static async Task<SchemeVersionRow> RequireAsync(IServiceProvider services, Crm.CrmConnection connection, string name, int? version,
        CancellationToken ct)
    {
        var versions = await services.GetRequiredService<SchemeStore>().ListAsync(connection.Id, ct);
        var named = versions.Where(v => v.Name == name).ToList();
        if (named.Count == 0)
        {
            var names = versions.Select(v => v.Name).Distinct().ToList();
            throw new CliUsageException(names.Count == 0
                ? $"no scheme '{name}': '{connection.Name}' has none yet; import one with 'kpisync schemes import --file scheme.json'"
                : CliSuggestions.WithHint($"no scheme '{name}'", name, names, $"schemes: {CliSuggestions.Quoted(names)}"));
        }

        return named.Where(v => version is null || v.Version == version).MaxBy(v => v.Version)
            ?? throw new CliUsageException($"scheme '{name}' has no version {version}; versions: {string.Join(", ", named.Select(v => v.Version).Order())}");
    }
}
