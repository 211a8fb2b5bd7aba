using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace KpiSync.Admin;

/// <summary>
/// The amoCRM OAuth connect flow's state between the dashboard's redirect to amoCRM and amoCRM's redirect back: kept
/// in a short-lived cookie encrypted with the cluster's Data Protection keys (so the callback may land on any node),
/// bound to a random <c>state</c> that the callback must return. The client secret never leaves the server unencrypted.
/// </summary>
internal sealed class OAuthFlow(IDataProtectionProvider protection, IOptions<AdminOptions> options)
{
    public const string CallbackPath = "/admin/connections/oauth";
    private const string CookieName = "kpisync.oauth";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("KpiSync.Admin.OAuth").ToTimeLimitedDataProtector();

    /// <summary>The redirect URI to register in the amoCRM integration (and to send with the code exchange).</summary>
    public Uri RedirectUri(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = options.Value.PublicUrl is { } url ? url.ToString().TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new Uri(root + CallbackPath);
    }

    /// <summary>Remembers the connection being authorized and returns amoCRM's consent page to redirect to.</summary>
    public Uri Begin(HttpContext context, Pending pending)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pending);
        var state = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var redirect = RedirectUri(context.Request);
        var json = JsonSerializer.Serialize(pending with { State = state, RedirectUri = redirect.ToString() }, AdminJsonContext.Default.Pending);
        context.Response.Cookies.Append(CookieName, _protector.Protect(json, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = CallbackPath,
            MaxAge = Lifetime,
        });
        // amoCRM's account-level consent page. redirect_uri is ignored by amoCRM (it uses the integration's) and lets
        // the simulator, which has no integration settings, send the browser back.
        return new Uri(new Uri(pending.BaseUrl), "oauth?client_id=" + Uri.EscapeDataString(pending.ClientId) + "&state=" + state
            + "&redirect_uri=" + Uri.EscapeDataString(redirect.ToString()));
    }

    /// <summary>The pending authorization whose state matches, or null (expired, tampered, another browser); clears it.</summary>
    public Pending? Complete(HttpContext context, string? state)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cookie = context.Request.Cookies[CookieName];
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CallbackPath });
        if (cookie is null || string.IsNullOrEmpty(state))
        {
            return null;
        }

        try
        {
            // Unprotect refuses an expired payload (the protector's own clock, the one Protect used).
            var pending = JsonSerializer.Deserialize(_protector.Unprotect(cookie, out _), AdminJsonContext.Default.Pending);
            return pending is not null
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(pending.State ?? ""), System.Text.Encoding.ASCII.GetBytes(state))
                ? pending : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>What the callback needs to finish: the connection's settings and the OAuth client. ToString hides the secret.</summary>
    internal sealed record Pending(string Name, bool IsNew, string BaseUrl, string? TimeZone, string ClientId, string ClientSecret,
        string? State = null, string? RedirectUri = null)
    {
        public override string ToString() => $"Pending {{ Name = {Name}, BaseUrl = {BaseUrl}, ClientId = {ClientId}, *** }}";
    }
}
