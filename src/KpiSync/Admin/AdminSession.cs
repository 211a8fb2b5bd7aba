using System.Globalization;
using System.Security.Claims;
using KpiSync.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KpiSync.Admin;

/// <summary>The session cookie's contents and its check on every request: an account removed, or whose password
/// changed, loses its sessions at once (on every node: the account lives in the database).</summary>
internal static class AdminSession
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "kpisync.session";
    private const string PasswordSetClaim = "kpisync:password_set_at";

    public static ClaimsPrincipal PrincipalFor(AdminAccount admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, admin.UserName),
            new Claim(PasswordSetClaim, admin.PasswordSetAt.Ticks.ToString(CultureInfo.InvariantCulture)),
        ], Scheme);
        return new ClaimsPrincipal(identity);
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(PasswordSetClaim);
        var admins = context.HttpContext.RequestServices.GetRequiredService<AdminStore>();
        var admin = int.TryParse(id, CultureInfo.InvariantCulture, out var n) ? await admins.FindAsync(n, context.HttpContext.RequestAborted) : null;
        if (admin is null || admin.PasswordSetAt.Ticks.ToString(CultureInfo.InvariantCulture) != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
