using KpiSync.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages;

/// <summary>The sign-in form. Failed attempts are limited per client address and per address and user name; a wrong
/// user name and a wrong password get the same answer in about the same time.</summary>
internal sealed class LoginModel(AdminStore admins, ConnectionStore connections, LoginThrottle throttle, ILogger<LoginModel> logger) : PageModel
{
    public string? Message { get; private set; }

    public string? UserName { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken ct)
    {
        (UserName, ReturnUrl) = (userName?.Trim(), returnUrl);
        if (string.IsNullOrEmpty(UserName) || string.IsNullOrEmpty(password))
        {
            Message = "Enter a user name and a password.";
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.TryAttempt(ip, UserName) is { } wait)
        {
            logger.LogWarning("Sign-in attempts for {User} from {ClientIp} are over the limit", UserName, ip);
            Message = $"Too many sign-in attempts. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minute(s).";
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
        }

        var admin = await admins.FindAsync(UserName, ct);
        if (!AdminPasswords.Verify(admin, password, out var rehash))
        {
            logger.LogWarning("Failed sign-in for {User} from {ClientIp}", UserName, ip);
            Message = "Wrong user name or password.";
            return Page();
        }

        throttle.Succeeded(ip, UserName);
        if (rehash is not null)
        {
            await admins.UpdateHashAsync(admin!.Id, rehash, ct);
        }

        await admins.RecordSignInAsync(admin!.Id, ct);
        await HttpContext.SignInAsync(AdminSession.Scheme, AdminSession.PrincipalFor(admin), new AuthenticationProperties { IsPersistent = false });
        logger.LogInformation("{User} signed in from {ClientIp}", admin.UserName, ip);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) ? returnUrl
            : await AdminHome.UrlAsync(connections, ct));
    }
}
