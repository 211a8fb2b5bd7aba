using System.CommandLine;
using System.CommandLine.Invocation;

namespace KpiSync.Cli;

/// <summary>Wraps every command's action so that nothing escapes to System.CommandLine's handler, which prints the
/// whole exception: an unforeseen failure becomes <see cref="CliFailure"/>'s one line.</summary>
internal sealed class GuardedAction(AsynchronousCommandLineAction inner) : AsynchronousCommandLineAction
{
    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.InvokeAsync(parseResult, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: not a failure to report; exit 1 as System.CommandLine always did.
            return 1;
        }
        catch (Exception e)
        {
            return await CliFailure.ReportAsync(parseResult, parseResult.InvocationConfiguration.Error, e);
        }
    }

    public static void Wrap(Command command)
    {
        foreach (var sub in command.Subcommands)
        {
            Wrap(sub);
        }

        if (command.Action is AsynchronousCommandLineAction action and not GuardedAction)
        {
            command.Action = new GuardedAction(action);
        }
    }
}
