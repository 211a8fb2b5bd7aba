namespace KpiSync.Crm.Auth;

/// <summary>
/// What a connection authenticates with: a long-lived token, or an OAuth 2.0 pair with the client that obtained it.
/// Stored encrypted (<see cref="CredentialProtector"/>); ToString never shows a secret.
/// </summary>
public sealed record CrmCredentials(
    string Kind,
    string AccessToken,
    string? RefreshToken = null,
    DateTimeOffset? ExpiresAt = null,
    string? ClientId = null,
    string? ClientSecret = null,
    string? RedirectUri = null)
{
    public const string LongLived = "long_lived";
    public const string OAuth = "oauth";

    public static CrmCredentials FromLongLivedToken(string token) => new(LongLived, token);

    public bool CanRefresh => Kind == OAuth && RefreshToken is not null && ClientId is not null && ClientSecret is not null;

    public override string ToString() => $"CrmCredentials {{ Kind = {Kind}, ExpiresAt = {ExpiresAt:u}, *** }}";
}
