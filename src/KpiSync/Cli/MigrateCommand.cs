using System.CommandLine;
using KpiSync.Hosting;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>migrate</c>: apply the database migrations and exit.</summary>
internal static class MigrateCommand
{
    public static Command Build()
    {
        var command = new Command("migrate", "Apply database migrations and exit");
        var overrides = new Dictionary<string, string?> { [$"{StorageOptions.SectionName}:{nameof(StorageOptions.Migrations)}"] = nameof(MigrationMode.Apply) };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Cli, overrides, async (_, output, _) =>
        {
            await output.WriteLineAsync("Database schema is up to date.");
            return 0;
        }, ct));
        return command;
    }
}
