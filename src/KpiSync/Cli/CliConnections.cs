using KpiSync.Crm;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary>
/// The connection a command names, or the only one there is when it names none. An unknown or missing name is bad
/// input: the error lists the connections that exist (closest first).
/// </summary>
internal static class CliConnections
{
    public const string NoneYet = "there are no connections yet; add one with 'kpisync connections add amocrm --name N --base-url URL --token T' (or run 'kpisync demo')";

    public static async Task<CrmConnection> ResolveAsync(ConnectionStore store, string? name, string option, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(name) && await store.FindAsync(name.Trim(), ct) is { } named)
        {
            return named;
        }

        var all = await store.ListAsync(ct);
        var names = all.Select(c => c.Name).ToList();
        if (string.IsNullOrWhiteSpace(name))
        {
            return all switch
            {
                [var only] => only,
                [] => throw new CliUsageException(NoneYet),
                _ => throw new CliUsageException($"{option} is required when there are several connections: {CliSuggestions.Quoted(names)}"),
            };
        }

        throw new CliUsageException(all.Count == 0
            ? $"unknown connection '{name}': {NoneYet}"
            : CliSuggestions.WithHint($"unknown connection '{name}'", name, names, $"connections: {CliSuggestions.Quoted(names)}"));
    }
}
