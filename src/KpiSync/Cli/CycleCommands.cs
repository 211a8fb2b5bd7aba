using System.CommandLine;
using System.Globalization;
using KpiSync.Crm;
using KpiSync.Hosting;
using KpiSync.Publishing;
using KpiSync.Recompute;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.Cli;

/// <summary><c>sync</c>, <c>recompute</c> and <c>push</c>: the cycle's steps, one at a time, under the connection's lock.</summary>
internal static class CycleCommands
{
    public static Command Sync()
    {
        var connection = CliOptions.Connection();
        var full = new Option<bool>("--full") { Description = "Re-read everything (or --from/--to) instead of continuing from the cursors, and reconcile deletions" };
        var from = new Option<string?>("--from") { Description = "With --full: re-read records changed on or after this date (YYYY-MM-DD, UTC)" };
        var to = new Option<string?>("--to") { Description = "With --full: … and before the end of this date (YYYY-MM-DD, UTC)" };
        var command = new Command("sync", "Pull the connection's CRM data into the funnel event store") { connection, full, from, to };
        command.SetAction((parse, ct) => CliRunner.Check(parse, () => ParseRange(parse, full, from, to)) is { } failed ? Task.FromResult(failed)
            : WithConnectionAsync(parse, connection, touchesCrm: true, async (s, c, output, token) =>
        {
            var counts = await Progress.CliProgress.ShowSyncAsync(s, parse, c,
                () => s.Services.GetRequiredService<ConnectionSynchronizer>().SyncAsync(c, ParseRange(parse, full, from, to), token), token);
            await output.WriteLineAsync($"Synced '{c.Name}': {counts.Pages} pages, {counts.Entities} records read, {counts.Changed} rows changed, {counts.Quarantined} quarantined.");
        }, ct));
        return command;
    }

    public static Command Recompute()
    {
        var connection = CliOptions.Connection();
        var full = new Option<bool>("--full") { Description = "Recompute every period instead of only what changed since the last recompute" };
        var command = new Command("recompute", "Recompute the connection's KPIs from the stored facts (only what changed, unless --full)") { connection, full };
        command.SetAction((parse, ct) => WithConnectionAsync(parse, connection, touchesCrm: false, async (s, c, output, token) =>
        {
            var r = await Progress.CliProgress.ShowRecomputeAsync(s, parse, c, () => s.Services.GetRequiredService<KpiRecomputer>().RecomputeAsync(c, parse.GetValue(full), token), token);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Recomputed '{c.Name}' ({(r.Full ? "full" : "incremental")}): {r.Cells} employee-periods, {r.Changed} rows changed, {r.Adjustments} adjustments to closed periods pending, {r.Elapsed.TotalSeconds:0.00} s."));
        }, ct));
        return command;
    }

    public static Command Push()
    {
        var connection = CliOptions.Connection();
        var command = new Command("push", "Write the current month's KPIs into the CRM") { connection };
        command.SetAction((parse, ct) => WithConnectionAsync(parse, connection, touchesCrm: true, async (s, c, output, token) =>
        {
            var r = await s.Services.GetRequiredService<KpiPublisher>().PushAsync(c, token);
            await output.WriteLineAsync($"Pushed '{c.Name}': {r.Created} elements created, {r.Updated} updated, {r.Requests} write requests.");
        }, ct));
        return command;
    }

    private static SyncRequest ParseRange(ParseResult parse, Option<bool> full, Option<string?> from, Option<string?> to)
    {
        var f = CliOptions.ParseDate(parse.GetValue(from), "--from");
        var t = CliOptions.ParseDate(parse.GetValue(to), "--to")?.AddDays(1);
        if ((f ?? t) is not null && !parse.GetValue(full))
        {
            throw new CliUsageException("--from and --to go with --full");
        }

        return f > t ? throw new CliUsageException("--from is after --to") : new SyncRequest(parse.GetValue(full), f, t);
    }

    // touchesCrm: whether the step calls the CRM, which an inactive connection must not do (recompute is local).
    internal static Task<int> WithConnectionAsync(ParseResult parse, Option<string?> connection, bool touchesCrm,
        Func<KpiSyncSession, CrmConnection, TextWriter, CancellationToken, Task> body, CancellationToken ct) =>
        CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
                        var c = await CliConnections.ResolveAsync(session.Services.GetRequiredService<ConnectionStore>(), parse.GetValue(connection), "--connection", token);
            if (!c.IsActive && touchesCrm)
            {
                throw new ConnectionUnavailableException(c.Name, c.Status, c.StatusReason);
            }

            await using var held = await session.Services.GetRequiredService<ConnectionLocks>().AcquireAsync(c.Id, wait: true, token);
            await body(session, c, output, token);
            return 0;
        }, ct);
}
