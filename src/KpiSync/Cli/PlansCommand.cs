using System.CommandLine;
using System.Globalization;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>plans import</c>: plans per employee, month and indicator from a CSV file (comma or semicolon separated).</summary>
internal static class PlansCommand
{
    public static Command Build()
    {
        var command = new Command("plans", "Plans per employee, month and indicator");
        var connection = CliOptions.Connection();
        var file = new Option<FileInfo>("--file", "-f") { Description = "CSV with the header employee,period,indicator,plan (employee: CRM id, e-mail or name)", Required = true };
        var import = new Command("import", "Import plans from CSV; nothing is stored unless every line is valid") { connection, file };
        import.SetAction((parse, ct) => ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliUsageException($"--file '{path.FullName}' does not exist");
            }

            var resolve = await s.Services.GetRequiredService<EmployeeDirectory>().LoadAsync(c.Id, token);
            var (rows, errors) = PlanCsv.Parse(await File.ReadAllLinesAsync(path.FullName, token), resolve);
            if (errors.Count > 0)
            {
                throw new CliUsageException($"{path.Name} has {errors.Count} bad line(s); nothing was imported:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors.Take(50)));
            }

            var changed = await s.Services.GetRequiredService<PlanStore>().ImportAsync(c.Id, rows, token);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Imported {rows.Count} plans into '{c.Name}' ({changed} new or changed). The next recompute applies them."));
        }, ct));
        command.Subcommands.Add(import);
        return command;
    }
}
