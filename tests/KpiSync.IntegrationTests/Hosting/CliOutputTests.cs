using System.Text.RegularExpressions;
using KpiSync.Cli.Progress;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Recompute;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.IntegrationTests.Hosting;

/// <summary>What <c>sync</c> and <c>recompute</c> print: progress on stderr while they run, their result once on stdout.</summary>
public sealed class CliOutputTests(PostgresServer server)
{
    [Fact]
    public async Task Sync_Redirected_PrintsProgressLinesOnStderr_AndEachResultOnceOnStdout()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await server.CreateDatabaseAsync("cli_progress_lines");
        await using var sim = await AmoCrmSimulator.StartAsync(new SimulatorOptions { Employees = 3, Months = 1, RequestsPerSecond = 0 }, ct);
        // Our own limit paces the sync (a few seconds), so several progress lines fall inside it; the default console
        // level shows whether the result is also logged.
        var settings = new Dictionary<string, string>
        {
            ["Crm__RequestsPerSecond"] = "4",
            ["Sync__ProgressEvery"] = "00:00:00.200",
            ["Cli__ProgressEvery"] = "00:00:00.500",
            ["Serilog__MinimumLevel__Default"] = "Information",
        };
        var add = await KpiSyncProcess.RunAsync(cs, settings, "connections", "add", "amocrm", "--name", "sim", "--base-url", sim.BaseUrl.ToString(), "--token",
            new SimulatorOptions().AccessToken);
        Assert.True(add.ExitCode == 0, add.All);

        var sync = await KpiSyncProcess.RunAsync(cs, settings, "sync", "--connection", "sim");
        var recompute = await KpiSyncProcess.RunAsync(cs, settings, "recompute", "--connection", "sim");

        Assert.True(sync.ExitCode == 0, sync.All);
        Assert.True(recompute.ExitCode == 0, recompute.All);
        var progress = sync.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Matches(@"^sync sim: [\d ]+ records, page [\d ]+(/[\d ]+ \(\d+ %\))?, [\d ]+/s(, ETA .+)?$", l));
        Assert.Single(Regex.Matches(sync.Output, "Synced"));
        Assert.Contains("Synced 'sim': ", sync.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("records, page", sync.Output, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(recompute.Output, "Recomputed"));
    }

    [Fact]
    public async Task Sync_OnTheTerminalBar_WithoutATerminal_RunsTheSyncToTheEnd()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "cli_progress_bar");
        var connection = await h.ConnectionAsync();
        var source = new SyncProgressSource(h.Get<SyncRunStore>(), h.Get<TimeProvider>(), connection.Id, "sync sim");
        using var error = new StringWriter();

        var counts = await new CliProgress(error, terminal: true, TimeSpan.FromSeconds(1), TimeProvider.System)
            .ShowAsync("sync sim", source.ReadAsync, () => h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, ct), ct);

        Assert.True(counts.Entities > 0);
    }

    [Fact]
    public async Task Recompute_Redirected_PrintsTheStageItReached()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "cli_progress_recompute");
        var connection = await h.ConnectionAsync();
        await h.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, ct);
        connection = await h.ConnectionAsync();
        var source = new RecomputeProgressSource(h.Get<RecomputeProgress>(), TimeProvider.System, connection.Id, "recompute sim");
        using var error = new StringWriter();

        // A line every millisecond: a full recompute takes far longer, so lines fall inside it after its first stages.
        await new CliProgress(error, terminal: false, TimeSpan.FromMilliseconds(1), TimeProvider.System)
            .ShowAsync("recompute sim", source.ReadAsync, () => h.Get<KpiRecomputer>().RecomputeAsync(connection, full: true, ct), ct);

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, l => Assert.Matches(@"^recompute sim: (starting|[a-z ]+ done), \d+ s$", l));
        Assert.Contains(lines, l => l.Contains(" done, ", StringComparison.Ordinal));
    }
}
