using System.CommandLine;
using KpiSync.Hosting;

namespace KpiSync.Cli;

/// <summary><c>serve</c>: the scheduler and the web host until stopped.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string?>("--urls") { Description = "Listen addresses (default from Urls / ASPNETCORE_URLS: http://127.0.0.1:5080)" };
        var command = new Command("serve", "Run the scheduler and the web host (/health, /admin) until stopped") { urls };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Serve, Overrides(parse.GetValue(urls)), async (session, output, token) =>
        {
            await output.WriteLineAsync("KpiSync is serving; press Ctrl+C to stop.");
            await session.Host.WaitForShutdownAsync(token);
            return 0;
        }, ct));
        return command;
    }

    public static Dictionary<string, string?>? Overrides(string? urls) => urls is null ? null : new() { ["Urls"] = urls };
}
