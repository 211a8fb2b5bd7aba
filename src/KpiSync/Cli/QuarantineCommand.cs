using System.CommandLine;
using System.Globalization;
using KpiSync.Crm;
using KpiSync.Hosting;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.Cli;

/// <summary><c>quarantine list|retry|dismiss</c>: CRM records a sync could not use, with their raw JSON and the reason.</summary>
internal static class QuarantineCommand
{
    public static Command Build() => new("quarantine", "CRM records a sync could not use") { List(), Retry(), Dismiss() };

    private static Command List()
    {
        var connection = CliOptions.Connection();
        var all = new Option<bool>("--all") { Description = "Also resolved and dismissed entries" };
        var raw = new Option<bool>("--raw") { Description = "Print each record's raw JSON" };
        var command = new Command("list", "List quarantined records") { connection, all, raw };
        command.SetAction((parse, ct) => WithConnectionAsync(parse, connection, async (s, c, output, token) =>
        {
            var rows = await s.Services.GetRequiredService<QuarantineStore>().ListAsync(c.Id, parse.GetValue(all), token);
            await output.WriteLineAsync($"{"ID",-7} {"STREAM",-14} {"RECORD",-28} {"STATUS",-10} {"LAST SEEN",-20} REASON");
            foreach (var r in rows)
            {
                await output.WriteLineAsync($"{r.Id,-7} {r.Stream,-14} {r.RecordKey,-28} {r.Status,-10} {r.LastSeenAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-20} {r.Reason}");
                if (parse.GetValue(raw))
                {
                    await output.WriteLineAsync("        " + r.Raw);
                }
            }

            await output.WriteLineAsync($"{rows.Count} entries.");
            return 0;
        }, ct));
        return command;
    }

    private static Command Retry()
    {
        var connection = CliOptions.Connection();
        var id = new Option<long>("--id") { Description = "The entry's id (see 'quarantine list')", Required = true };
        var command = new Command("retry", "Read the record again from the CRM and store it if it is now valid") { connection, id };
        command.SetAction((parse, ct) => WithConnectionAsync(parse, connection, async (s, c, output, token) =>
        {
            bool resolved;
            string outcome;
            try
            {
                (resolved, outcome) = await s.Services.GetRequiredService<QuarantineRetrier>().RetryAsync(c, parse.GetValue(id), token);
            }
            catch (InvalidOperationException e)
            {
                throw new CliUsageException(e.Message);
            }

            await output.WriteLineAsync($"Entry {parse.GetValue(id)}: {outcome}.");
            return resolved ? 0 : 1;
        }, ct));
        return command;
    }

    private static Command Dismiss()
    {
        var connection = CliOptions.Connection();
        var id = new Option<long>("--id") { Description = "The entry's id (see 'quarantine list')", Required = true };
        var command = new Command("dismiss", "Accept that the record will not be used; it stays dismissed unless it changes") { connection, id };
        command.SetAction((parse, ct) => WithConnectionAsync(parse, connection, async (s, c, output, token) =>
        {
            if (!await s.Services.GetRequiredService<QuarantineStore>().DismissAsync(c.Id, parse.GetValue(id), token))
            {
                throw new CliUsageException($"No quarantine entry {parse.GetValue(id)} for connection '{c.Name}'.");
            }

            await output.WriteLineAsync($"Entry {parse.GetValue(id)} dismissed.");
            return 0;
        }, ct));
        return command;
    }

    private static Task<int> WithConnectionAsync(ParseResult parse, Option<string?> connection,
        Func<KpiSyncSession, CrmConnection, TextWriter, CancellationToken, Task<int>> body, CancellationToken ct) =>
        CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
                        var c = await CliConnections.ResolveAsync(session.Services.GetRequiredService<ConnectionStore>(), parse.GetValue(connection), "--connection", token);
            return await body(session, c, output, token);
        }, ct);
}
