using System.Net;
using System.Net.Http.Headers;
using KpiSync.Crm.Auth;

namespace KpiSync.Crm;

/// <summary>
/// Adds the connection's bearer token to every request, so clients never handle credentials. On a 401 it refreshes
/// once and resends; a second 401 means the CRM no longer accepts this integration.
/// </summary>
internal sealed class CrmAuthHandler(CrmTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(CrmRequestOptions.Connection, out var connection))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var token = await tokens.GetAccessTokenAsync(connection, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        token = await tokens.RefreshAsync(connection, token, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw await tokens.NeedsReauthorizationAsync(connection, "the CRM refused a freshly refreshed token (401)", null);
        }

        return response;
    }
}
