using System.Text.Json;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Api;
using KpiSync.Crm.AmoCrm.Dtos;
using Refit;

namespace KpiSync.Crm.Auth;

/// <summary>amoCRM's OAuth 2.0 token endpoint (<c>POST /oauth2/access_token</c>): code exchange and refresh.</summary>
internal sealed class AmoCrmOAuthClient(IHttpMessageHandlerFactory handlers, TimeProvider time)
{
    public const string HttpClientName = "amocrm-oauth";

    public Task<CrmCredentials> ExchangeCodeAsync(Uri baseUrl, string clientId, string clientSecret, Uri redirectUri, string code, CancellationToken ct) =>
        RequestAsync(null, baseUrl, new AmoTokenRequest(clientId, clientSecret, "authorization_code", code, null, redirectUri.ToString()), ct);

    public Task<CrmCredentials> RefreshAsync(CrmConnection connection, CrmCredentials current, CancellationToken ct) =>
        RequestAsync(connection, connection.BaseUrl,
            new AmoTokenRequest(current.ClientId!, current.ClientSecret!, "refresh_token", null, current.RefreshToken, current.RedirectUri ?? ""), ct);

    private async Task<CrmCredentials> RequestAsync(CrmConnection? connection, Uri baseUrl, AmoTokenRequest body, CancellationToken ct)
    {
        // A code is single-use: one consumed by a request whose answer was lost cannot be sent again.
        var http = AmoCrmRefit.HttpClient(handlers.CreateHandler(HttpClientName), baseUrl, connection, postsAreNotIdempotent: connection is null);
        var api = RestService.For<IAmoCrmOAuthApi>(http, AmoCrmRefit.Settings);
        using var response = await AmoCrmRefit.SendAsync(c => api.RequestToken(body, c), baseUrl, $"{body.GrantType} grant refused: ", ct);
        var uri = response.RequestMessage?.RequestUri;
        AmoTokenResponse? token;
        try
        {
            token = await response.Content.ReadFromJsonAsync(AmoCrmJsonContext.Default.AmoTokenResponse, ct);
        }
        catch (JsonException e)
        {
            throw new CrmApiException(CrmKinds.AmoCrm, response.StatusCode, uri, "unexpected token response: " + e.Message, e);
        }

        if (token is not { AccessToken: { Length: > 0 }, RefreshToken: { Length: > 0 } })
        {
            throw new CrmApiException(CrmKinds.AmoCrm, response.StatusCode, uri, "the token response has no access_token or refresh_token");
        }

        return new CrmCredentials(CrmCredentials.OAuth, token.AccessToken, token.RefreshToken, time.GetUtcNow().AddSeconds(token.ExpiresIn),
            body.ClientId, body.ClientSecret, body.RedirectUri);
    }
}
