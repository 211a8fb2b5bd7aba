using System.Net;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.Auth;

/// <summary>amoCRM's OAuth 2.0 token endpoint (<c>POST /oauth2/access_token</c>): code exchange and refresh.</summary>
internal sealed class AmoCrmOAuthClient(IHttpClientFactory httpClientFactory, TimeProvider time)
{
    public const string HttpClientName = "amocrm-oauth";

    public Task<CrmCredentials> ExchangeCodeAsync(Uri baseUrl, string clientId, string clientSecret, Uri redirectUri, string code, CancellationToken ct) =>
        RequestAsync(null, baseUrl, new AmoTokenRequest(clientId, clientSecret, "authorization_code", code, null, redirectUri.ToString()), ct);

    public Task<CrmCredentials> RefreshAsync(CrmConnection connection, CrmCredentials current, CancellationToken ct) =>
        RequestAsync(connection, connection.BaseUrl,
            new AmoTokenRequest(current.ClientId!, current.ClientSecret!, "refresh_token", null, current.RefreshToken, current.RedirectUri ?? ""), ct);

    private async Task<CrmCredentials> RequestAsync(CrmConnection? connection, Uri baseUrl, AmoTokenRequest body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "oauth2/access_token"))
        {
            Content = JsonContent.Create(body, AmoCrmJsonContext.Default.AmoTokenRequest),
        };
        if (connection is not null)
        {
            request.Options.Set(CrmRequestOptions.Connection, connection);
        }
        else
        {
            // A code is single-use: one consumed by a request whose answer was lost cannot be sent again.
            request.Options.Set(CrmResiliencePipelines.NotIdempotent, true);
        }

        using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            throw new CrmApiException(CrmKinds.AmoCrm, response.StatusCode, request.RequestUri,
                $"{body.GrantType} grant refused: {(detail.Length > 300 ? detail[..300] : detail)}");
        }

        var token = await response.Content.ReadFromJsonAsync(AmoCrmJsonContext.Default.AmoTokenResponse, ct)
            ?? throw new CrmApiException(CrmKinds.AmoCrm, HttpStatusCode.OK, request.RequestUri, "empty token response");
        return new CrmCredentials(CrmCredentials.OAuth, token.AccessToken, token.RefreshToken, time.GetUtcNow().AddSeconds(token.ExpiresIn),
            body.ClientId, body.ClientSecret, body.RedirectUri);
    }
}
