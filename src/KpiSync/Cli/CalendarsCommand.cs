using System.CommandLine;
using KpiSync.Kpis.Calendars;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>calendars set</c>: the work calendar idle time is measured against, for the connection or one employee.</summary>
internal static class CalendarsCommand
{
    public static Command Build()
    {
        var command = new Command("calendars", "Work calendars for idle time: hours, lunch break, holidays, absences");
        var connection = CliOptions.Connection();
        var employee = new Option<string?>("--employee", "-e") { Description = "CRM user id, e-mail or exact name; without it, the connection's default calendar" };
        var file = new Option<FileInfo>("--file", "-f") { Description = "The calendar's JSON file", Required = true };
        var set = new Command("set", "Validate and store a calendar (the next recompute is a full one)") { connection, employee, file };
        set.SetAction((parse, ct) =>
        {
            string json = "";
            if (CliRunner.Check(parse, () =>
                {
                    var path = parse.GetValue(file)!;
                    json = path.Exists ? File.ReadAllText(path.FullName) : throw new CliUsageException($"--file '{path.FullName}' does not exist");
                    var (calendar, errors) = WorkCalendarJson.Parse(json);
                    if (calendar is null)
                    {
                        throw new CliUsageException($"{path.Name} is not a valid calendar:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors));
                    }
                }) is { } failed)
            {
                return Task.FromResult(failed);
            }

            return ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
            {
                var id = parse.GetValue(employee) is { } e
                    ? await CliEmployees.ResolveAsync(s.Services, c, e, token)
                    : CalendarStore.ConnectionDefault;
                await s.Services.GetRequiredService<CalendarStore>().SetAsync(c.Id, id, json, token);
                await output.WriteLineAsync(id == CalendarStore.ConnectionDefault ? $"Default calendar of '{c.Name}' stored." : $"Calendar of employee {id} stored.");
            }, ct);
        });
        command.Subcommands.Add(set);
        return command;
    }
}
