using System.CommandLine;
using KpiSync.Crm;
using KpiSync.Hosting;
using KpiSync.Recompute;
using KpiSync.Storage;
using Spectre.Console;

namespace KpiSync.Cli.Progress;

/// <summary>
/// Shows a long step's progress on stderr while it runs, leaving stdout to its result: a live bar on a terminal, a
/// plain line every <c>Cli:ProgressEvery</c> (default 5 s) when stderr is redirected (a log file, CI).
/// </summary>
internal sealed class CliProgress(TextWriter error, bool terminal, TimeSpan every, TimeProvider time)
{
    public const string EveryKey = "Cli:ProgressEvery";

    // How often the bar reads the run row; the sync writes it every Sync:ProgressEvery (default 1 s).
    private static readonly TimeSpan BarRefresh = TimeSpan.FromMilliseconds(500);

    /// <summary>For a command's stderr: the bar when it is the terminal, otherwise plain lines.</summary>
    public static CliProgress For(TextWriter error, IConfiguration configuration, TimeProvider time) =>
        new(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected,
            configuration.GetValue<TimeSpan?>(EveryKey) is { } every && every > TimeSpan.Zero ? every : TimeSpan.FromSeconds(5), time);

    /// <summary>Runs <paramref name="work"/>, a sync of <paramref name="connection"/>, showing its run row's progress.</summary>
    public static Task<T> ShowSyncAsync<T>(KpiSyncSession session, ParseResult parse, CrmConnection connection, Func<Task<T>> work, CancellationToken ct)
    {
        var time = session.Services.GetRequiredService<TimeProvider>();
        var source = new SyncProgressSource(session.Services.GetRequiredService<SyncRunStore>(), time, connection.Id, "sync " + connection.Name);
        return For(parse.InvocationConfiguration.Error, session.Services.GetRequiredService<IConfiguration>(), time).ShowAsync("sync " + connection.Name, source.ReadAsync, work, ct);
    }

    /// <summary>Runs <paramref name="work"/>, a recompute of <paramref name="connection"/>, showing the stage it has reached.</summary>
    public static Task<T> ShowRecomputeAsync<T>(KpiSyncSession session, ParseResult parse, CrmConnection connection, Func<Task<T>> work, CancellationToken ct)
    {
        var time = session.Services.GetRequiredService<TimeProvider>();
        var label = "recompute " + connection.Name;
        var source = new RecomputeProgressSource(session.Services.GetRequiredService<RecomputeProgress>(), time, connection.Id, label);
        return For(parse.InvocationConfiguration.Error, session.Services.GetRequiredService<IConfiguration>(), time).ShowAsync(label, source.ReadAsync, work, ct);
    }

    public async Task<T> ShowAsync<T>(string label, Func<CancellationToken, Task<ProgressReading?>> read, Func<Task<T>> work, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var display = terminal ? BarAsync(label, ReadSafelyAsync, stop.Token) : LinesAsync(ReadSafelyAsync, stop.Token);
        try
        {
            return await work();
        }
        finally
        {
            await stop.CancelAsync();
            await display;
        }

        async Task<ProgressReading?> ReadSafelyAsync(CancellationToken token)
        {
            try
            {
                return await read(token);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // Progress is a courtesy: a reading that fails is skipped, the step itself reports a database that is gone.
                return null;
            }
        }
    }

    private async Task LinesAsync(Func<CancellationToken, Task<ProgressReading?>> read, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (await read(stop) is { } p)
                {
                    await error.WriteLineAsync(p.Line);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The step ended; its result line follows on stdout.
        }
    }

    private async Task BarAsync(string label, Func<CancellationToken, Task<ProgressReading?>> read, CancellationToken stop)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        await console.Progress().AutoClear(true).HideCompleted(true)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: 100);
                task.IsIndeterminate = true;
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        if (await read(stop) is { } p)
                        {
                            task.Description = Markup.Escape(p.Line);
                            task.IsIndeterminate = p.Percent is null;
                            task.Value = p.Percent ?? 0;
                        }

                        await Task.Delay(BarRefresh, time, stop);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The step ended: the bar is cleared and the result printed below it.
                }

                task.StopTask();
            });
    }
}
