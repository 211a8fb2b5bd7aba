using KpiSync.Crm;
using KpiSync.Storage;

namespace KpiSync.Admin;

/// <summary>The connection a page shows: the one named in the query, else the first; with every name for the picker.</summary>
internal sealed record ConnectionChoice(IReadOnlyList<string> Names, CrmConnection? Chosen)
{
    public static async Task<ConnectionChoice> ChooseAsync(ConnectionStore connections, string? name, CancellationToken ct)
    {
        var list = await connections.ListAsync(ct);
        return new(list.Select(c => c.Name).ToList(), list.FirstOrDefault(c => c.Name == name) ?? (list.Count > 0 ? list[0] : null));
    }
}
