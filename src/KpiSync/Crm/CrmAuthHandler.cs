using System.Net.Http.Headers;

namespace KpiSync.Crm;

/// <summary>Adds the connection's bearer token to every request, so clients never handle credentials.</summary>
internal sealed class CrmAuthHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(CrmRequestOptions.Connection, out var connection) && connection.AccessToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
