using System.CommandLine;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.Hosting;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>connections add|authorize|resume|check|list</c>. Secrets go into the database encrypted and are never printed.</summary>
internal static partial class ConnectionsCommand
{
    public static Command Build() => new("connections", "Manage CRM connections") { Add(), Authorize(), Resume(), Check(), List(), Webhook(), Fields() };

    private static Command Add()
    {
        var kind = new Argument<string>("kind") { Description = "CRM kind: amocrm" };
        kind.AcceptOnlyFromAmong(CrmKinds.AmoCrm);
        var name = new Option<string>("--name") { Description = "A unique name for the connection", Required = true };
        var baseUrl = new Option<string>("--base-url") { Description = "The account's address, e.g. https://example.amocrm.ru", Required = true };
        var timeZone = new Option<string?>("--time-zone") { Description = "Period boundaries' time zone (default: the CRM account's)" };
        var noCheck = new Option<bool>("--no-check") { Description = "Store the connection without calling the CRM first" };
        var auth = new AuthOptions();
        var command = new Command("add", "Add a connection, with a long-lived --token or an OAuth --code") { kind, name, baseUrl, timeZone, noCheck };
        auth.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            Uri url = null!;
            string? tz = null;
            var n = parse.GetValue(name)!.Trim();
            if (CliRunner.Check(parse, () =>
                {
                    if (n.Length == 0)
                    {
                        throw new CliUsageException("--name must not be empty");
                    }

                    url = CliOptions.ParseBaseUrl(parse.GetValue(baseUrl));
                    tz = CliOptions.ParseTimeZone(parse.GetValue(timeZone));
                    auth.Validate(parse, requireClient: true);
                }) is { } failed)
            {
                return failed;
            }

            return await CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
            {
                var credentials = await auth.ObtainAsync(parse, session, url, null, token);
                var checkedAccount = parse.GetValue(noCheck) ? null : await CheckNewAsync(session, new CrmConnection(0, n, parse.GetValue(kind)!, url, tz), credentials, token);
                try
                {
                    var id = await session.Services.GetRequiredService<ConnectionStore>().AddAsync(n, parse.GetValue(kind)!, url, tz, credentials, token);
                    await output.WriteLineAsync($"Added connection '{n}' (id {id}) to {url} with {Describe(credentials)}" +
                        (checkedAccount is null ? " (not checked)." : $"; the CRM answered: account '{checkedAccount.Name}'."));
                    return 0;
                }
                catch (InvalidOperationException e)
                {
                    throw new CliUsageException(e.Message);
                }
            }, ct);
        });
        return command;
    }

    private static Command Authorize()
    {
        var name = CliOptions.ConnectionName();
        var auth = new AuthOptions();
        var command = new Command("authorize", "Give a connection new credentials (a new --code or --token); it becomes active again") { name };
        auth.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (CliRunner.Check(parse, () => auth.Validate(parse, requireClient: false)) is { } failed)
            {
                return failed;
            }

            return await CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
            {
                var store = session.Services.GetRequiredService<ConnectionStore>();
                var c = await CliConnections.ResolveAsync(store, parse.GetValue(name), "--name", token);
                var previous = await TryReadAsync(store, c.Id, token);
                var credentials = await auth.ObtainAsync(parse, session, c.BaseUrl, previous, token);
                await store.ReplaceCredentialsAsync(c.Id, credentials, token);
                await output.WriteLineAsync($"Connection '{c.Name}' authorized with {Describe(credentials)}; it is active.");
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command Resume()
    {
        var name = CliOptions.ConnectionName();
        var command = new Command("resume", "Mark a blocked connection active again, after the CRM lifted the block") { name };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
            var store = session.Services.GetRequiredService<ConnectionStore>();
            var c = await CliConnections.ResolveAsync(store, parse.GetValue(name), "--name", token);
            await store.SetStatusAsync(c.Id, ConnectionStatus.Active, null);
            await output.WriteLineAsync($"Connection '{c.Name}' is active.");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>One account call with the new credentials, so a wrong address or token is reported now, not at the first sync.</summary>
    private static async Task<Crm.AmoCrm.Dtos.AmoAccount> CheckNewAsync(KpiSyncSession session, CrmConnection connection, CrmCredentials credentials,
        CancellationToken ct)
    {
        try
        {
            return await session.Services.GetRequiredService<Crm.AmoCrm.AmoCrmClientFactory>().CreateForCheck(connection, credentials.AccessToken).GetAccountAsync(ct);
        }
        catch (CrmApiException e)
        {
            throw new CliUsageException($"{e.Message}; nothing was stored (--no-check stores it without calling the CRM)");
        }
    }

    private static async Task<CrmCredentials?> TryReadAsync(ConnectionStore store, int id, CancellationToken ct)
    {
        try
        {
            return await store.ReadCredentialsAsync(id, ct);
        }
        catch (CrmAuthorizationException)
        {
            return null;
        }
    }

    private static string Describe(CrmCredentials c) =>
        c.Kind == CrmCredentials.OAuth ? $"an OAuth token pair (expires {c.ExpiresAt:u}, refreshed automatically)" : "a long-lived token";
}
