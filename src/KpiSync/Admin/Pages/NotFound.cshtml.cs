using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages;

/// <summary>What a dashboard 404 shows (an unknown path, or a page that found no such record): the layout and a way
/// back. Status-code pages re-execute this page for any empty 404 under /admin.</summary>
internal sealed class NotFoundModel : PageModel
{
    public string Path => HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? Request.Path;

    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
