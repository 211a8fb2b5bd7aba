using KpiSync.Crm.AmoCrm.Dtos;
using Refit;

namespace KpiSync.Crm.AmoCrm.Api;

/// <summary>
/// amoCRM's OAuth 2.0 token endpoint (K-token: a JSON body). Its own interface over its own HTTP client, without the
/// auth handler, so a refresh can never recurse into another refresh.
/// </summary>
internal interface IAmoCrmOAuthApi
{
    [Post("/oauth2/access_token")]
    Task<HttpResponseMessage> RequestToken([Body] AmoTokenRequest request, CancellationToken ct);
}
