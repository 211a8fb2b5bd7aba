using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages;

/// <summary><c>/admin</c> opens on the connections and their health.</summary>
internal sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Connections/Index");
}
