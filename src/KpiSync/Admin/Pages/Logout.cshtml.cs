using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages;

/// <summary>Sign-out is a POST with the antiforgery token, so another site cannot sign an admin out.</summary>
internal sealed class LogoutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AdminSession.Scheme);
        return LocalRedirect("/admin/login");
    }
}
