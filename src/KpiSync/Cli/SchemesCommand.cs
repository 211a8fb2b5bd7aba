using System.CommandLine;
using System.Globalization;
using KpiSync.Kpis.Schemes;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>schemes import|export|list</c>: pay schemes as JSON files, versioned (a change takes effect from the next period).</summary>
internal static class SchemesCommand
{
    public static Command Build()
    {
        var command = new Command("schemes", "Pay schemes: indicators, weights, plans' directions and pay components (JSON)");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Export());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Import()
    {
        var connection = CliOptions.Connection();
        var file = new Option<FileInfo>("--file", "-f") { Description = "The scheme's JSON file", Required = true };
        var from = new Option<string?>("--from") { Description = "Take effect from this month (YYYY-MM); default: the next month. A first version is in force for every month." };
        var author = CliOptions.Author();
        var command = new Command("import", "Validate a scheme and store it as a new version") { connection, file, from, author };
        command.SetAction((parse, ct) =>
        {
            KpiScheme? scheme = null;
            Kpis.Periods.MonthPeriod? start = null;
            if (CliRunner.Check(parse, () =>
                {
                    var path = parse.GetValue(file)!;
                    if (!path.Exists)
                    {
                        throw new CliUsageException($"--file '{path.FullName}' does not exist");
                    }

                    var parsed = SchemeJson.Parse(File.ReadAllText(path.FullName));
                    scheme = parsed.Scheme ?? throw new CliUsageException(
                        $"{path.Name} is not a valid scheme:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", parsed.Errors));
                    start = parse.GetValue(from) is { } f ? CliOptions.ParsePeriod(f) : null;
                }) is { } failed)
            {
                return Task.FromResult(failed);
            }

            return ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
            {
                var (version, effective) = await s.Services.GetRequiredService<SchemeStore>()
                    .AddVersionAsync(c.Id, scheme!, c.ResolveTimeZone(), parse.GetValue(author)!, start, token);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Scheme '{scheme!.Name}' v{version} stored; in force from {(effective == SchemeStore.Always ? "every period" : effective)}. The next recompute applies it."));
            }, ct);
        });
        return command;
    }

    private static Command Export()
    {
        var connection = CliOptions.Connection();
        var name = new Option<string>("--name", "-n") { Description = "Scheme name", Required = true };
        var version = new Option<int?>("--version") { Description = "Version (default: the latest)" };
        var command = new Command("export", "Print a stored scheme version as JSON") { connection, name, version };
        command.SetAction((parse, ct) => ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
        {
            var row = await CliSchemes.RequireAsync(s.Services, c, parse.GetValue(name)!, parse.GetValue(version), token);
            await output.WriteLineAsync(SchemeJson.Write(SchemeJson.ParseStored(row.Body).Scheme!));
        }, ct));
        return command;
    }

    private static Command List()
    {
        var connection = CliOptions.Connection();
        var command = new Command("list", "Every scheme version, with its author, time and the month it takes effect") { connection };
        command.SetAction((parse, ct) => ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
        {
            var versions = await s.Services.GetRequiredService<SchemeStore>().ListAsync(c.Id, token);
            await output.WriteLineAsync($"{"Scheme",-24} {"Ver",4}  {"From",-8}  {"Author",-20} Stored (UTC)");
            foreach (var v in versions)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{v.Name,-24} {v.Version,4}  {(v.EffectiveFrom == SchemeStore.Always ? "always" : v.EffectiveFrom),-8}  {v.Author,-20} {v.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm}"));
            }
        }, ct));
        return command;
    }
}
