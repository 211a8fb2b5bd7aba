using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Connections;

/// <summary>
/// Adds or edits a connection: address, time zone, and credentials (a long-lived token, or OAuth through amoCRM's
/// consent page). Stored credentials are never shown or put in the form; empty fields keep them.
/// </summary>
internal sealed class EditModel(ConnectionStore connections, OAuthFlow oauth, Scheduling.RecurringCycles recurring) : PageModel
{
    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? BaseUrl { get; set; }

    [BindProperty] public string? TimeZone { get; set; }

    [BindProperty] public string? Mode { get; set; }

    [BindProperty] public string? Token { get; set; }

    [BindProperty] public string? ClientId { get; set; }

    [BindProperty] public string? ClientSecret { get; set; }

    [BindProperty] public bool IsNew { get; set; } = true;

    public string? CurrentCredentials { get; private set; }

    public Uri RedirectUri => oauth.RedirectUri(Request);

    public async Task<IActionResult> OnGetAsync(string? name, CancellationToken ct)
    {
        if (name is null)
        {
            return Page();
        }

        // A stale link or a typed name: say it is not there rather than fail.
        if (await connections.FindAsync(name, ct) is not { } c)
        {
            return NotFound();
        }

        (Name, BaseUrl, TimeZone, IsNew) = (c.Name, c.BaseUrl.ToString(), c.TimeZone, false);
        await DescribeCredentialsAsync(c, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var existing = IsNew ? null : await connections.FindAsync(Name ?? "", ct);
        if (!IsNew && existing is null)
        {
            return NotFound(); // deleted (or renamed) while the form was open
        }

        var baseUrl = Validate(existing);
        var stored = existing is null ? null : await connections.ReadCredentialsAsync(existing.Id, ct);
        var oauthMode = Mode == "oauth";
        if (oauthMode && string.IsNullOrWhiteSpace(ClientId))
        {
            ModelState.AddModelError(nameof(ClientId), "Enter the integration's client id and secret.");
        }
        else if (oauthMode && string.IsNullOrWhiteSpace(ClientSecret) && stored?.ClientSecret is null)
        {
            ModelState.AddModelError(nameof(ClientId), "Enter the integration's secret key.");
        }
        else if (!oauthMode && IsNew && string.IsNullOrWhiteSpace(Token))
        {
            ModelState.AddModelError(nameof(Token), "Enter the long-lived token (or choose OAuth).");
        }

        if (!ModelState.IsValid || baseUrl is null)
        {
            if (existing is not null)
            {
                await DescribeCredentialsAsync(existing, ct);
            }

            return Page();
        }

        var timeZone = string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim();
        if (oauthMode)
        {
            var secret = string.IsNullOrWhiteSpace(ClientSecret) ? stored!.ClientSecret! : ClientSecret.Trim();
            return Redirect(oauth.Begin(HttpContext, new OAuthFlow.Pending(Name!.Trim(), IsNew, baseUrl.ToString(), timeZone, ClientId!.Trim(), secret)).ToString());
        }

        if (existing is null)
        {
            await connections.AddAsync(Name!.Trim(), CrmKinds.AmoCrm, baseUrl, timeZone, CrmCredentials.FromLongLivedToken(Token!.Trim()), ct);
            TempData["Notice"] = $"Connection '{Name!.Trim()}' added; it is scheduled within a minute.";
        }
        else
        {
            await connections.UpdateSettingsAsync(existing.Id, baseUrl, timeZone, ct);
            if (!string.IsNullOrWhiteSpace(Token))
            {
                await connections.ReplaceCredentialsAsync(existing.Id, CrmCredentials.FromLongLivedToken(Token.Trim()), ct);
            }

            TempData["Notice"] = $"Connection '{existing.Name}' saved.";
        }

        // A new connection gets its recurring cycle now, an edited one is re-timed to a changed time zone.
        await recurring.ReconcileAsync(ct);
        return RedirectToPage("/Connections/Index");
    }

    private Uri? Validate(CrmConnection? existing)
    {
        if (existing is null && (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 64 || !Name.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.')))
        {
            ModelState.AddModelError(nameof(Name), "A name is 1 to 64 letters, digits, '_', '-' or '.'.");
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone.Trim(), out _))
        {
            ModelState.AddModelError(nameof(TimeZone), $"'{TimeZone}' is not a known time zone, e.g. Europe/Moscow.");
        }

        if (Uri.TryCreate(BaseUrl?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
        {
            return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        }

        ModelState.AddModelError(nameof(BaseUrl), "Enter the account's address, e.g. https://example.amocrm.ru.");
        return null;
    }

    private async Task DescribeCredentialsAsync(CrmConnection c, CancellationToken ct)
    {
        try
        {
            var stored = await connections.ReadCredentialsAsync(c.Id, ct);
            CurrentCredentials = stored.Kind == CrmCredentials.OAuth ? $"OAuth, client id {stored.ClientId}" : "a long-lived token";
            ClientId ??= stored.ClientId;
        }
        catch (CrmAuthorizationException)
        {
            CurrentCredentials = "none";
        }
    }
}
