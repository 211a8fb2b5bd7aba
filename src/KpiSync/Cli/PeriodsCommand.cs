using System.CommandLine;
using System.Globalization;
using KpiSync.Recompute;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>periods close|reopen|list</c>: a closed month is frozen (values and pay as paid); both are audited.</summary>
internal static class PeriodsCommand
{
    public static Command Build()
    {
        var command = new Command("periods", "Close (freeze) or reopen a month's values and pay");
        command.Subcommands.Add(Change("close", "Bring the month up to date, then freeze its values and pay; later CRM changes show as adjustments", closed: true));
        command.Subcommands.Add(Change("reopen", "Unfreeze the month and recompute it, applying pending adjustments", closed: false));
        var connection = CliOptions.Connection();
        var list = new Command("list", "Months that were ever closed or reopened, with who and when") { connection };
        list.SetAction((parse, ct) => ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
        {
            var periods = await s.Services.GetRequiredService<PeriodStore>().ListAsync(c.Id, token);
            if (periods.Count == 0)
            {
                var open = Kpis.Periods.MonthPeriod.Containing(s.Services.GetRequiredService<TimeProvider>().GetUtcNow(), c.ResolveTimeZone());
                await output.WriteLineAsync($"No month of '{c.Name}' was ever closed: every month is open, the current one is {open}. " +
                    "Close one with 'kpisync periods close --period YYYY-MM'.");
            }

            foreach (var p in periods)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{p.Period}  {p.Status,-6}  {p.ChangedBy}  {p.ChangedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
            }
        }, ct));
        command.Subcommands.Add(list);
        return command;
    }

    private static Command Change(string name, string description, bool closed)
    {
        var connection = CliOptions.Connection();
        var period = new Option<string>("--period", "-p") { Description = "Month, YYYY-MM", Required = true };
        var author = CliOptions.Author();
        var command = new Command(name, description) { connection, period, author };
        command.SetAction((parse, ct) =>
        {
            var p = default(Kpis.Periods.MonthPeriod);
            return CliRunner.Check(parse, () => p = CliOptions.ParsePeriod(parse.GetValue(period))) is { } failed
                ? Task.FromResult(failed)
                : ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
                {
                    var changed = await PeriodClosing.SetAsync(s.Services.GetRequiredService<KpiRecomputer>(), s.Services.GetRequiredService<PeriodStore>(),
                        c, p.ToString(), closed, parse.GetValue(author)!, token);
                    await output.WriteLineAsync(changed ? $"{p} is {(closed ? "closed: its values and pay are frozen" : "open again and recomputed")}." : $"{p} was already {(closed ? "closed" : "open")}.");
                }, ct);
        });
        return command;
    }
}
