using System.CommandLine;

namespace KpiSync.Cli;

/// <summary>The command tree of the one executable.</summary>
public static class KpiSyncCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("KpiSync: sales KPIs from your CRM, computed and written back where reps work.");
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(MigrateCommand.Build());
        root.Subcommands.Add(ConnectionsCommand.Build());
        root.Subcommands.Add(CycleCommands.Sync());
        root.Subcommands.Add(CycleCommands.Recompute());
        root.Subcommands.Add(CycleCommands.Push());
        root.Subcommands.Add(KpiCommand.Build());
        root.Subcommands.Add(ExplainCommand.Build());
        root.Subcommands.Add(SchemesCommand.Build());
        root.Subcommands.Add(PlansCommand.Build());
        root.Subcommands.Add(EmployeesCommand.Build());
        root.Subcommands.Add(PeriodsCommand.Build());
        root.Subcommands.Add(CalendarsCommand.Build());
        root.Subcommands.Add(StagesCommand.Build());
        root.Subcommands.Add(QuarantineCommand.Build());
        root.Subcommands.Add(SimulatorCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        root.Subcommands.Add(AdminsCommand.Build());
        GuardedAction.Wrap(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken ct = default)
    {
        configuration ??= new InvocationConfiguration();
        // Its handler would print "Unhandled exception" and the stack trace; the actions report their own failures.
        configuration.EnableDefaultExceptionHandler = false;
        ParseResult? parse = null;
        try
        {
            // A bare 'kpisync' asks what there is: the command list, not an error.
            parse = Build().Parse(args.Length == 0 ? ["--help"] : args);
            if (parse.Action is System.CommandLine.Invocation.ParseErrorAction)
            {
                return await CliParseErrors.ReportAsync(parse, configuration.Error);
            }

            return await parse.InvokeAsync(configuration, ct);
        }
        catch (OperationCanceledException)
        {
            return 1;
        }
        catch (Exception e)
        {
            return await CliFailure.ReportAsync(parse, configuration.Error, e);
        }
    }
}
