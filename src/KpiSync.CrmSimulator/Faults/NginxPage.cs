using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace KpiSync.CrmSimulator.Faults;

/// <summary>The HTML error pages amoCRM's nginx front answers with (429, 403 when blocked, 502, 504): never JSON (amocrm-api-php#526, #563).</summary>
internal static class NginxPage
{
    public static async Task WriteAsync(HttpContext context, int status)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"{status} {ReasonPhrases.GetReasonPhrase(status)}");
        var body = Encoding.ASCII.GetBytes(
            $"<html><head><title>{title}</title></head><body><center><h1>{title}</h1></center><hr><center>nginx</center></body></html>");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// A 200 HTML page in place of a JSON success, as a front proxy's bot check or a captured portal serves it.
    /// Not documented for amoCRM; it is here so a client that parses any 200 as JSON without checking fails in tests.
    /// </summary>
    public static async Task WriteCaptchaAsync(HttpContext context)
    {
        var body = Encoding.ASCII.GetBytes(
            "<!DOCTYPE html><html><head><title>Checking your browser</title></head><body><center><h1>Are you a robot?</h1>"
            + "<form method=\"post\"><div class=\"captcha\"></div><button type=\"submit\">Continue</button></form></center><hr><center>nginx</center></body></html>");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
