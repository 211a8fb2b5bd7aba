using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Connections;

/// <summary>amoCRM's redirect back after consent (<c>?code=…&amp;state=…</c>): the code is exchanged for a token pair at
/// once (codes live 20 minutes and are single-use) and stored encrypted; the connection becomes active.</summary>
internal sealed class OAuthModel(OAuthFlow flow, AmoCrmOAuthClient oauth, ConnectionStore connections, Scheduling.RecurringCycles recurring,
    ILogger<OAuthModel> logger) : PageModel
{
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, CancellationToken ct)
    {
        var pending = flow.Complete(HttpContext, state);
        if (pending is null)
        {
            Problem = "This authorization is unknown or expired (15 minutes). Start again from the connection's page.";
            return Page();
        }

        if (string.IsNullOrEmpty(code))
        {
            Problem = $"amoCRM did not authorize the integration{(error is null ? "" : ": " + error)}.";
            return Page();
        }

        CrmCredentials credentials;
        try
        {
            credentials = await oauth.ExchangeCodeAsync(new Uri(pending.BaseUrl), pending.ClientId, pending.ClientSecret, new Uri(pending.RedirectUri!), code, ct);
        }
        catch (CrmApiException e)
        {
            logger.LogWarning("The OAuth code exchange for {Connection} was refused: {Error}", pending.Name, e.Message);
            Problem = "amoCRM refused the authorization code: " + e.Message;
            return Page();
        }

        var baseUrl = new Uri(pending.BaseUrl);
        if (pending.IsNew)
        {
            try
            {
                await connections.AddAsync(pending.Name, CrmKinds.AmoCrm, baseUrl, pending.TimeZone, credentials, ct);
            }
            catch (InvalidOperationException e)
            {
                Problem = e.Message;
                return Page();
            }
        }
        else
        {
            var c = await connections.GetAsync(pending.Name, ct);
            await connections.UpdateSettingsAsync(c.Id, baseUrl, pending.TimeZone, ct);
            await connections.ReplaceCredentialsAsync(c.Id, credentials, ct);
        }

        logger.LogInformation("Connection {Connection} authorized through amoCRM OAuth by {User}", pending.Name, User.Identity?.Name);
        TempData["Notice"] = $"'{pending.Name}' is connected to amoCRM.";
        await recurring.ReconcileAsync(ct);
        return RedirectToPage("/Connections/Index");
    }
}
