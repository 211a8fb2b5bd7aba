using System.CommandLine;
using System.Globalization;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Hosting;
using KpiSync.Storage;

namespace KpiSync.Cli;

internal static partial class ConnectionsCommand
{
    private static Command Check()
    {
        var name = CliOptions.ConnectionName();
        var command = new Command("check", "Call the CRM with the connection's credentials (refreshing them if due) and report the account") { name };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
            var c = await CliConnections.ResolveAsync(session.Services.GetRequiredService<ConnectionStore>(), parse.GetValue(name), "--name", token);
            if (!c.IsActive)
            {
                throw new ConnectionUnavailableException(c.Name, c.Status, c.StatusReason);
            }

            var client = session.Services.GetRequiredService<AmoCrmClientFactory>().CreateForCheck(c);
            var account = await client.GetAccountAsync(token);
            await output.WriteLineAsync($"Connection '{c.Name}' works: account '{account.Name}' ({account.Subdomain}), time zone " +
                $"{account.Embedded?.DatetimeSettings?.Timezone ?? "unknown"}, API filtering {(account.IsApiFilterEnabled == false ? "off" : "on")}.");
            await output.WriteLineAsync(await PaymentSourceAsync(session, client, c, token));
            return 0;
        }, ct));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List connections, their health and their last sync");
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
            var store = session.Services.GetRequiredService<ConnectionStore>();
            var all = await store.ListAsync(token);
            var failures = await store.GetCycleFailuresAsync(token);
            var last = await session.Services.GetRequiredService<SyncRunStore>().GetLastRunsAsync(token);
            await output.WriteLineAsync($"{"NAME",-20} {"KIND",-9} {"STATUS",-22} {"TIME ZONE",-18} {"LAST SYNC",-20} {"RESULT",-10} BASE URL");
            foreach (var c in all)
            {
                var r = last.GetValueOrDefault(c.Id);
                var failure = failures.GetValueOrDefault(c.Id);
                await output.WriteLineAsync($"{c.Name,-20} {c.Kind,-9} {ConnectionStore.Health(c, failure),-22} {c.TimeZone ?? "(from CRM)",-18} " +
                    $"{r?.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never",-20} {r?.Status ?? "",-10} {c.BaseUrl}");
                if (!c.IsActive)
                {
                    await output.WriteLineAsync($"  {c.StatusReason}");
                }
                else if (failure is not null)
                {
                    await output.WriteLineAsync($"  last error: {failure.Reason} (cycle failed at {failure.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)");
                }
            }

            return 0;
        }, ct));
        return command;
    }
}
