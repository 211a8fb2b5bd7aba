namespace KpiSync.Admin;

/// <summary>Headers on every dashboard response: no framing (clickjacking), no MIME sniffing, no caching of pages that
/// hold account data, no referrer leaking to other sites.</summary>
internal static class AdminHeaders
{
    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        var h = context.Response.Headers;
        h.XFrameOptions = "DENY";
        h.XContentTypeOptions = "nosniff";
        // The same values antiforgery sets on every page with a form: different ones would be overridden there, with a
        // warning logged for each page.
        h.CacheControl = "no-cache, no-store";
        h.Pragma = "no-cache";
        h["Referrer-Policy"] = "same-origin";
        // data: images for the inline favicon on every page of Hangfire's dashboard (an image cannot run script).
        h.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self' http: https:";
        return next();
    }
}
