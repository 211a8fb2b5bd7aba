using System.CommandLine;
using KpiSync.Crm;
using KpiSync.Hosting;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>connections add|list</c>. Tokens go into the database and are never printed.</summary>
internal static class ConnectionsCommand
{
    public static Command Build() => new("connections", "Manage CRM connections") { Add(), List() };

    private static Command Add()
    {
        var kind = new Argument<string>("kind") { Description = "CRM kind: amocrm" };
        kind.AcceptOnlyFromAmong(CrmKinds.AmoCrm);
        var name = new Option<string>("--name") { Description = "A unique name for the connection", Required = true };
        var baseUrl = new Option<string>("--base-url") { Description = "The account's address, e.g. https://example.amocrm.ru", Required = true };
        var token = new Option<string>("--token") { Description = "A long-lived access token", Required = true };
        var timeZone = new Option<string?>("--time-zone") { Description = "Period boundaries' time zone (default: the CRM account's)" };
        var command = new Command("add", "Add a connection") { kind, name, baseUrl, token, timeZone };
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
                    if (string.IsNullOrWhiteSpace(parse.GetValue(token)))
                    {
                        throw new CliUsageException("--token must not be empty");
                    }
                }) is { } failed)
            {
                return failed;
            }

            return await CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token2) =>
            {
                var store = session.Services.GetRequiredService<ConnectionStore>();
                try
                {
                    var id = await store.AddAsync(n, parse.GetValue(kind)!, url, tz, parse.GetValue(token)!.Trim(), token2);
                    await output.WriteLineAsync($"Added connection '{n}' (id {id}) to {url}.");
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

    private static Command List()
    {
        var command = new Command("list", "List connections and their last sync");
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
            var all = await session.Services.GetRequiredService<ConnectionStore>().ListAsync(token);
            var last = await session.Services.GetRequiredService<SyncRunStore>().GetLastRunsAsync(token);
            await output.WriteLineAsync($"{"NAME",-20} {"KIND",-9} {"TIME ZONE",-18} {"LAST SYNC",-20} {"STATUS",-10} BASE URL");
            foreach (var c in all)
            {
                var r = last.GetValueOrDefault(c.Id);
                await output.WriteLineAsync($"{c.Name,-20} {c.Kind,-9} {c.TimeZone ?? "(from CRM)",-18} {r?.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "never",-20} {r?.Status ?? "",-10} {c.BaseUrl}");
            }

            return 0;
        }, ct));
        return command;
    }
}
