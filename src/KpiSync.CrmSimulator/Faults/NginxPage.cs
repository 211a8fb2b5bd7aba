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
}
