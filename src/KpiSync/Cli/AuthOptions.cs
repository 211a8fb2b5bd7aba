using System.CommandLine;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.Hosting;

namespace KpiSync.Cli;

/// <summary>How a command takes credentials: a long-lived <c>--token</c>, or an OAuth <c>--code</c> exchanged at once
/// (with <c>--client-id</c>, <c>--client-secret</c>, <c>--redirect-uri</c>, which re-authorization may reuse).</summary>
internal sealed class AuthOptions
{
    private readonly Option<string?> _token = new("--token") { Description = "A long-lived access token" };
    private readonly Option<string?> _code = new("--code") { Description = "An OAuth authorization code (single use, about 20 minutes)" };
    private readonly Option<string?> _clientId = new("--client-id") { Description = "The integration's client id" };
    private readonly Option<string?> _clientSecret = new("--client-secret") { Description = "The integration's client secret" };
    private readonly Option<string?> _redirectUri = new("--redirect-uri") { Description = "The integration's redirect URI" };

    public void AddTo(Command command)
    {
        foreach (var o in (Option[])[_token, _code, _clientId, _clientSecret, _redirectUri])
        {
            command.Options.Add(o);
        }
    }

    public void Validate(ParseResult parse, bool requireClient)
    {
        var token = parse.GetValue(_token);
        var code = parse.GetValue(_code);
        if (string.IsNullOrWhiteSpace(token) == string.IsNullOrWhiteSpace(code))
        {
            throw new CliUsageException("give either --token (long-lived token) or --code (OAuth authorization code)");
        }

        if (code is not null && requireClient && (parse.GetValue(_clientId) is null || parse.GetValue(_clientSecret) is null || parse.GetValue(_redirectUri) is null))
        {
            throw new CliUsageException("--code needs --client-id, --client-secret and --redirect-uri");
        }

        if (parse.GetValue(_redirectUri) is { } uri && !Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            throw new CliUsageException($"--redirect-uri '{uri}' is not an absolute URI");
        }
    }

    /// <summary>The long-lived token as given, or the pair the CRM returns for the code.</summary>
    public async Task<CrmCredentials> ObtainAsync(ParseResult parse, KpiSyncSession session, Uri baseUrl, CrmCredentials? previous, CancellationToken ct)
    {
        if (parse.GetValue(_token) is { Length: > 0 } token)
        {
            return CrmCredentials.FromLongLivedToken(token.Trim());
        }

        var clientId = parse.GetValue(_clientId) ?? previous?.ClientId;
        var secret = parse.GetValue(_clientSecret) ?? previous?.ClientSecret;
        var redirect = parse.GetValue(_redirectUri) ?? previous?.RedirectUri;
        if (clientId is null || secret is null || redirect is null)
        {
            throw new CliUsageException("--code needs --client-id, --client-secret and --redirect-uri (none are stored for this connection)");
        }

        try
        {
            return await session.Services.GetRequiredService<AmoCrmOAuthClient>()
                .ExchangeCodeAsync(baseUrl, clientId, secret, new Uri(redirect), parse.GetValue(_code)!.Trim(), ct);
        }
        catch (CrmApiException e)
        {
            throw new CliUsageException("the CRM refused the authorization code: " + e.Message);
        }
    }
}
