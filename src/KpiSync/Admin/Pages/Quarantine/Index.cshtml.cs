using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Quarantine;

/// <summary>CRM records a sync could not use, per connection, with the reason.</summary>
internal sealed class IndexModel(ConnectionStore connections, QuarantineStore quarantine) : PageModel
{
    public string? Connection { get; private set; }

    public bool All { get; private set; }

    public IReadOnlyList<string> Connections { get; private set; } = [];

    public IReadOnlyList<QuarantineRow> Entries { get; private set; } = [];

    public async Task OnGetAsync(string? connection, bool all, CancellationToken ct)
    {
        var list = await connections.ListAsync(ct);
        Connections = list.Select(c => c.Name).ToList();
        var chosen = list.FirstOrDefault(c => c.Name == connection) ?? (list.Count > 0 ? list[0] : null);
        (Connection, All) = (chosen?.Name, all);
        Entries = chosen is null ? [] : await quarantine.ListAsync(chosen.Id, all, ct);
    }
}
