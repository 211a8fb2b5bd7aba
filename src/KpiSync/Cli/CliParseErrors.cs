using System.CommandLine;
using System.CommandLine.Parsing;

namespace KpiSync.Cli;

/// <summary>
/// Every command's parse errors (a missing required option, an unknown value, an unknown word), reported once for all:
/// one line on stderr naming the first problem, what exists instead where the parser knows it, and the command's help
/// to read; exit 2. System.CommandLine's own handler would print every error and the whole help, and exit 1.
/// </summary>
internal static class CliParseErrors
{
    public static async Task<int> ReportAsync(ParseResult parse, TextWriter error)
    {
        // An unknown word explains the rest ("a required command was not provided"): report it first, with close matches.
        var unknown = parse.UnmatchedTokens.Count > 0 ? parse.UnmatchedTokens[0] : null;
        var first = parse.Errors.FirstOrDefault(e => unknown is not null && e.Message.Contains($"'{unknown}'", StringComparison.Ordinal));
        var message = OneLine((first ?? parse.Errors[0]).Message).TrimEnd('.');
        var help = $"see '{CommandPath(parse)} --help'";
        await error.WriteLineAsync("error: " + (first is null ? $"{message}; {help}" : CliSuggestions.WithHint(message, unknown!, Names(parse.CommandResult.Command), help)));
        return 2;
    }

    /// <summary>The parser's messages list valid values on further lines ("Must be one of:\n\t'amocrm'").</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static IEnumerable<string> Names(Command command) =>
        command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
            .Concat(command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));

    private static string CommandPath(ParseResult parse)
    {
        var words = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as CommandResult)
        {
            words.Insert(0, r.Command is RootCommand ? "kpisync" : r.Command.Name);
        }

        return string.Join(' ', words);
    }
}
