using System.CommandLine;
using KpiSync.Cli;

namespace KpiSync.Tests.Cli;

public sealed class GuardedActionTests
{
    [Fact]
    public async Task Command_ThrowsSomethingNobodyForesaw_PrintsOneErrorLineAndLogsTheStackTrace()
    {
        var marker = "unforeseen";
        var root = new RootCommand();
        var sync = new Command("sync");
        sync.SetAction((ParseResult _, CancellationToken _) => Task.FromResult(Fail(marker)));
        root.Subcommands.Add(sync);
        GuardedAction.Wrap(root);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await root.Parse(["sync"]).InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Equal("error: sync: Object reference not set to an instance of an object.", error.ToString().Trim());
        Assert.DoesNotContain("   at ", output.ToString() + error, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(Path.GetFullPath(".kpisync/logs/errors.log"), TestContext.Current.CancellationToken);
        var entry = log[log.LastIndexOf("sync failed", StringComparison.Ordinal)..];
        Assert.Contains("   at KpiSync.Tests.Cli.GuardedActionTests.Fail", entry, StringComparison.Ordinal);
    }

    // A real NullReferenceException, as a bug would throw it.
    private static int Fail(string marker) => ((string?)null)!.Length + marker.Length;
}
