using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages;

/// <summary><c>/admin</c> opens on the KPI table.</summary>
internal sealed class IndexModel(ConnectionStore connections) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => LocalRedirect(await AdminHome.UrlAsync(connections, ct));
}
