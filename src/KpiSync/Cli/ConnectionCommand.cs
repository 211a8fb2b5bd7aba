using System.CommandLine;
using KpiSync.Crm;
using KpiSync.Hosting;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary>Runs a command body for one named connection, without the cycle's lock: for commands that only read or
/// change KPI configuration (schemes, plans, periods, explanations), which must not wait for a running sync.</summary>
internal static class ConnectionCommand
{
    public static Task<int> RunAsync(ParseResult parse, Option<string?> connection,
        Func<KpiSyncSession, CrmConnection, TextWriter, CancellationToken, Task> body, CancellationToken ct) =>
        CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
            var c = await CliConnections.ResolveAsync(session.Services.GetRequiredService<ConnectionStore>(), parse.GetValue(connection), "--connection", token);
            await body(session, c, output, token);
            return 0;
        }, ct);
}
