using System.CommandLine;
using System.CommandLine.Parsing;
using KpiSync.Hosting;

namespace KpiSync.Cli;

/// <summary>
/// A failure no command foresaw: one line <c>error: &lt;operation&gt;: &lt;why&gt;</c> on stderr and exit 1; the exception
/// with its stack trace goes to the error log only (<c>Cli:ErrorLog</c>), never to the terminal.
/// </summary>
internal static class CliFailure
{
    // Options whose values are credentials: never echoed, even inside an exception's message.
    private static readonly string[] SecretOptions = ["--token", "--code", "--client-secret", "--password"];

    public static async Task<int> ReportAsync(ParseResult? parse, TextWriter error, Exception exception)
    {
        var operation = parse is null ? "kpisync" : Operation(parse);
        var why = FailureReason.Of(exception);
        foreach (var secret in parse is null ? [] : Secrets(parse))
        {
            why = why.Replace(secret, "***", StringComparison.Ordinal);
        }

        var logged = Log(operation, exception);
        await error.WriteLineAsync($"error: {operation}: {why}");
        return logged;
    }

    /// <summary>The command's path and the connection it names, e.g. <c>sync demo</c> or <c>connections check sim</c>.</summary>
    public static string Operation(ParseResult parse)
    {
        var words = new List<string>();
        for (var r = parse.CommandResult; r is { Command: not RootCommand }; r = r.Parent as CommandResult)
        {
            words.Insert(0, r.Command.Name);
        }

        if (parse.CommandResult.Children.OfType<OptionResult>().FirstOrDefault(o => o.Option.Name is "--connection" or "--name") is { Tokens: [var name, ..] })
        {
            words.Add(name.Value);
        }

        return words.Count == 0 ? "kpisync" : string.Join(' ', words);
    }

    private static IEnumerable<string> Secrets(ParseResult parse) =>
        parse.CommandResult.Children.OfType<OptionResult>().Where(o => SecretOptions.Contains(o.Option.Name))
            .SelectMany(o => o.Tokens).Select(t => t.Value).Where(v => v.Length >= 4);

    private static int Log(string operation, Exception exception)
    {
        // The host (and its logger) is gone by now, or never started: read the same settings it reads.
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables().AddEnvironmentVariables(KpiSyncHostBuilder.EnvironmentPrefix).Build();
        using var log = KpiSyncLogging.CreateErrorLog(configuration);
        log.ForContext(Serilog.Core.Constants.SourceContextPropertyName, typeof(CliFailure).FullName).Error(exception, "{Operation} failed", operation);
        return 1;
    }
}
