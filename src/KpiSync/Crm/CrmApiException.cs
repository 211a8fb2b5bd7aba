using System.Net;

namespace KpiSync.Crm;

/// <summary>A CRM call failed for good (after retries). Carries what an operator needs to act; never a token.</summary>
public sealed class CrmApiException(string crm, HttpStatusCode? statusCode, Uri? requestUri, string message, Exception? inner = null)
    : Exception($"{crm}{(statusCode is { } s ? " " + (int)s : "")} {requestUri?.GetLeftPart(UriPartial.Path)}: {message}", inner)
{
    public string Crm { get; } = crm;
    public HttpStatusCode? StatusCode { get; } = statusCode;
    public Uri? RequestUri { get; } = requestUri;
}
