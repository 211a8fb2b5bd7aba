using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// POST /oauth2/access_token: authorization_code (only codes from <see cref="AmoCrmSimulator.IssueAuthorizationCode"/>,
/// each once, within 20 minutes) and refresh_token (each refresh token once; a reused one gets 401
/// "Token has been revoked", amocrm-api-php#123).
/// </summary>
internal static class OAuthEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime) =>
        app.MapPost("/oauth2/access_token", async context =>
        {
            var fields = await ReadFieldsAsync(context.Request, context.RequestAborted);
            await Issue(fields, runtime).WriteAsync(context);
        });

    private static ApiResponse Issue(Dictionary<string, string>? fields, SimulatorRuntime runtime)
    {
        if (fields is null)
        {
            return Problems.BadRequest("Request body must be a JSON object");
        }

        string Field(string name) => fields.GetValueOrDefault(name, "");
        if (!string.Equals(Field("client_id"), runtime.Options.ClientId, StringComparison.Ordinal)
            || !string.Equals(Field("client_secret"), runtime.Options.ClientSecret, StringComparison.Ordinal))
        {
            return Problems.OAuth(StatusCodes.Status401Unauthorized, "Client authentication failed");
        }

        var now = runtime.Time.GetUtcNow();
        (string AccessToken, string RefreshToken) tokens;
        switch (Field("grant_type"))
        {
            case "authorization_code":
                if (runtime.Tokens.TryExchangeCode(Field("code"), now) is not { } exchanged)
                {
                    return Problems.OAuth(StatusCodes.Status400BadRequest, "Authorization code has been revoked");
                }

                tokens = exchanged;
                break;
            case "refresh_token":
                var (outcome, refreshed) = runtime.Tokens.TryRefresh(Field("refresh_token"), now);
                if (outcome != RefreshOutcome.Accepted)
                {
                    var hint = outcome == RefreshOutcome.Revoked ? "Token has been revoked" : "Cannot decrypt the refresh token";
                    return Problems.OAuth(StatusCodes.Status401Unauthorized, hint);
                }

                tokens = refreshed;
                break;
            default:
                return Problems.OAuth(StatusCodes.Status400BadRequest, "The authorization grant type is not supported by the authorization server.");
        }

        var (access, refresh) = tokens;
        return ApiResponse.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("token_type", "Bearer");
            writer.WriteNumber("expires_in", (long)runtime.Tokens.AccessTokenLifetime.TotalSeconds);
            writer.WriteString("access_token", access);
            writer.WriteString("refresh_token", refresh);
            writer.WriteEndObject();
        }, "application/json");
    }

    /// <summary>The JSON body of README §1.2; a form body is accepted too. Null when the body is neither.</summary>
    private static async Task<Dictionary<string, string>?> ReadFieldsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.EnumerateObject().ToDictionary(
                property => property.Name,
                property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText(),
                StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
