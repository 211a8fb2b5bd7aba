using System.CommandLine;
using System.Globalization;
using KpiSync.Kpis.Periods;
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
            var (rows, errors) = Parse(await File.ReadAllLinesAsync(path.FullName, token), resolve);
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

    internal static (List<PlanRow> Rows, List<string> Errors) Parse(IReadOnlyList<string> lines, Func<string, long?> resolve)
    {
        var rows = new List<PlanRow>();
        var errors = new List<string>();
        if (lines.Count == 0)
        {
            errors.Add("line 1: the file is empty; expected the header employee,period,indicator,plan");
            return (rows, errors);
        }

        var separator = lines[0].Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var header = lines[0].Split(separator).Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(["employee", "period", "indicator", "plan"]))
        {
            errors.Add($"line 1: the header must be employee{separator}period{separator}indicator{separator}plan, not '{lines[0]}'");
            return (rows, errors);
        }

        for (var i = 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Split(separator).Select(x => x.Trim().Trim('"')).ToArray();
            var line = i + 1;
            if (cells.Length != 4)
            {
                errors.Add($"line {line}: expected 4 values, found {cells.Length}");
                continue;
            }

            var employee = resolve(cells[0]);
            var plan = decimal.TryParse(cells[3].Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : (decimal?)null;
            if (employee is null)
            {
                errors.Add($"line {line}: no single employee '{cells[0]}' (use the CRM id, e-mail or exact name)");
            }
            else if (!MonthPeriod.TryParse(cells[1], out _))
            {
                errors.Add($"line {line}: period '{cells[1]}' is not YYYY-MM");
            }
            else if (cells[2].Length == 0)
            {
                errors.Add($"line {line}: the indicator is empty");
            }
            else if (plan is null or < 0)
            {
                errors.Add($"line {line}: plan '{cells[3]}' is not a number ≥ 0");
            }
            else
            {
                rows.Add(new PlanRow(employee.Value, cells[1], cells[2], plan.Value));
            }
        }

        return (rows, errors);
    }
}
