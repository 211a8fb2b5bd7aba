using System.CommandLine;
using System.Globalization;
using KpiSync.CrmSimulator;

namespace KpiSync.Cli;

/// <summary>
/// <c>simulator</c>: the amoCRM simulator on its own, with no host and no database, so a benchmark can keep its
/// ~760 MB account (50 reps, 12 months, volume 5) out of the measured process. Prints the listening line first,
/// then runs until stdin closes (a parent closing the pipe stops it cleanly) or Ctrl+C / SIGTERM.
/// </summary>
internal static class SimulatorCommand
{
    public const string ListeningPrefix = "simulator listening on ";
    public const string TokenPrefix = "simulator accepts the long-lived token ";

    public static Command Build()
    {
        var port = new Option<int?>("--port") { Description = "Ignored: the simulator always binds 127.0.0.1 on a free port chosen by the OS" };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 42 };
        var employees = new Option<int>("--employees") { Description = "Sales reps", DefaultValueFactory = _ => 12 };
        var months = new Option<int>("--months") { Description = "Months of history up to the anchor", DefaultValueFactory = _ => 3 };
        var volume = new Option<double>("--volume") { Description = "Multiplies leads, calls and tasks per rep", DefaultValueFactory = _ => 1 };
        var rps = new Option<int>("--requests-per-second") { Description = "The simulator's own rate limit (0 = off)", DefaultValueFactory = _ => 7 };
        var anchor = new Option<string?>("--anchor") { Description = "End of the history, YYYY-MM-DD (default: start of today, UTC)" };
        var command = new Command("simulator", "Run the built-in amoCRM simulator until stdin closes or Ctrl+C")
        {
            port, seed, employees, months, volume, rps, anchor,
        };
        command.SetAction(async (parse, ct) =>
        {
            DateTimeOffset? end = null;
            if (CliRunner.Check(parse, () =>
                {
                    end = CliOptions.ParseDate(parse.GetValue(anchor), "--anchor");
                    Require(parse.GetValue(employees) >= 1, "--employees must be at least 1");
                    Require(parse.GetValue(months) >= 1, "--months must be at least 1");
                    Require(parse.GetValue(volume) > 0, "--volume must be positive");
                    Require(parse.GetValue(rps) >= 0, "--requests-per-second must not be negative");
                }) is { } failed)
            {
                return failed;
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(port) is not null)
            {
                // SimulatorOptions has no port: the simulator listens on port 0 itself.
                await parse.InvocationConfiguration.Error.WriteLineAsync("warning: --port is ignored; the OS chooses the port (see the listening line)");
            }

            var options = new SimulatorOptions
            {
                Seed = parse.GetValue(seed),
                Employees = parse.GetValue(employees),
                Months = parse.GetValue(months),
                Volume = parse.GetValue(volume),
                RequestsPerSecond = parse.GetValue(rps),
                Anchor = end ?? new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero),
            };
            await using var simulator = await AmoCrmSimulator.StartAsync(options, ct);
            await output.WriteLineAsync(ListeningPrefix + simulator.BaseUrl);
            // A made-up token of a fake account, printed so that 'connections add --token' can be pointed at it.
            await output.WriteLineAsync(TokenPrefix + options.AccessToken);
            var s = simulator.State;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"simulator account: {s.Users.Count} users, {s.Leads.Count} leads, {s.Events.Count} events, {s.Notes.Count} notes, {s.Tasks.Count} tasks"));
            await output.FlushAsync(ct);
            await WaitForStdinEndAsync(ct);
            return 0;
        });
        return command;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new CliUsageException(message);
        }
    }

    /// <summary>Returns when stdin reaches its end or <paramref name="ct"/> fires (Ctrl+C, SIGTERM).</summary>
    private static async Task WaitForStdinEndAsync(CancellationToken ct)
    {
        // A console read ignores its token once blocked, so race it against the token instead.
        var stdinEnd = Task.Run(async () =>
        {
            await using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (await stdin.ReadAsync(buffer, CancellationToken.None) > 0)
            {
            }
        }, CancellationToken.None);
        await Task.WhenAny(stdinEnd, Task.Delay(Timeout.Infinite, ct));
    }
}
