namespace KpiSync.Crm.AmoCrm.Dtos;

/// <summary>The token endpoint's answer (K-token): a new access token and a new single-use refresh token.</summary>
internal sealed record AmoTokenResponse(string TokenType, long ExpiresIn, string AccessToken, string RefreshToken);

internal sealed record AmoTokenRequest(string ClientId, string ClientSecret, string GrantType, string? Code, string? RefreshToken, string RedirectUri);
