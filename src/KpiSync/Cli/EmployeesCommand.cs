using System.CommandLine;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>employees assign --scheme</c>: who follows which scheme; a re-assignment takes effect from the next month.</summary>
internal static class EmployeesCommand
{
    public static Command Build()
    {
        var command = new Command("employees", "Employees' schemes");
        var connection = CliOptions.Connection();
        var employee = new Option<string>("--employee", "-e") { Description = "CRM user id, e-mail or exact name", Required = true };
        var scheme = new Option<string>("--scheme", "-s") { Description = "Scheme name (imported with `schemes import`)", Required = true };
        var from = new Option<string?>("--from") { Description = "Take effect from this month (YYYY-MM); default: the next month. A first assignment applies to every month." };
        var author = CliOptions.Author();
        var assign = new Command("assign", "Assign a scheme to an employee") { connection, employee, scheme, from, author };
        assign.SetAction((parse, ct) =>
        {
            Kpis.Periods.MonthPeriod? start = null;
            return CliRunner.Check(parse, () => start = parse.GetValue(from) is { } f ? CliOptions.ParsePeriod(f) : null) is { } failed
                ? Task.FromResult(failed)
                : ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
                {
                    var id = await CliEmployees.ResolveAsync(s.Services, c, parse.GetValue(employee)!, token);
                    await CliSchemes.RequireAsync(s.Services, c, parse.GetValue(scheme)!, null, token);
                    var effective = await s.Services.GetRequiredService<SchemeStore>()
                        .AssignAsync(c.Id, id, parse.GetValue(scheme)!, c.ResolveTimeZone(), parse.GetValue(author)!, start, token);
                    await output.WriteLineAsync($"Employee {id} follows '{parse.GetValue(scheme)}' from {(effective == SchemeStore.Always ? "every period" : effective)}.");
                }, ct);
        });
        command.Subcommands.Add(assign);
        return command;
    }
}
