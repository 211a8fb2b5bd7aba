using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// GET /oauth?client_id=…&amp;state=…&amp;redirect_uri=…: amoCRM's consent page, approved at once. Real amoCRM shows
/// the page and sends the browser to the redirect URI registered in the integration; the simulator has no integration
/// settings, so the caller names it. The browser comes back with a fresh single-use code, the state, and the account
/// (<c>referer</c>), as from amoCRM.
/// </summary>
internal static class OAuthConsentEndpoint
{
    public static void Map(WebApplication app, SimulatorRuntime runtime) =>
        app.MapGet("/oauth", (HttpContext context) =>
        {
            var q = context.Request.Query;
            if (!string.Equals(q["client_id"], runtime.Options.ClientId, StringComparison.Ordinal))
            {
                return Results.BadRequest("unknown client_id");
            }

            if (!Uri.TryCreate(q["redirect_uri"], UriKind.Absolute, out var redirect))
            {
                return Results.BadRequest("redirect_uri is required by the simulator");
            }

            var code = runtime.Tokens.IssueCode(runtime.Time.GetUtcNow());
            var back = redirect + (redirect.Query.Length > 0 ? "&" : "?") + "code=" + Uri.EscapeDataString(code) + "&state=" + Uri.EscapeDataString(q["state"].ToString())
                + "&referer=" + Uri.EscapeDataString(context.Request.Host.ToString()) + "&client_id=" + Uri.EscapeDataString(runtime.Options.ClientId);
            return Results.Redirect(back);
        });
}
