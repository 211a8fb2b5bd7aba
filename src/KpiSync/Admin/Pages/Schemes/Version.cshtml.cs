using KpiSync.Kpis.Schemes;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Schemes;

/// <summary>One stored scheme version's JSON, as <c>schemes export</c> prints it.</summary>
internal sealed class VersionModel(ConnectionStore connections, SchemeStore schemes) : PageModel
{
    public string Connection { get; private set; } = "";

    public SchemeVersionRow Row { get; private set; } = null!;

    public string Json { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? connection, string? name, int version, CancellationToken ct)
    {
        var c = connection is null ? null : await connections.FindAsync(connection, ct);
        var row = c is null ? null : (await schemes.ListAsync(c.Id, ct)).FirstOrDefault(v => v.Name == name && v.Version == version);
        if (row is null)
        {
            return NotFound();
        }

        (Connection, Row) = (c!.Name, row);
        // Stored bodies were validated on the way in; one edited by hand into something invalid is shown as stored.
        Json = SchemeJson.ParseStored(row.Body).Scheme is { } scheme ? SchemeJson.Write(scheme) : row.Body;
        return Page();
    }
}
