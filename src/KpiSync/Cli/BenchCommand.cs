using System.CommandLine;
using System.Text.Json;
using KpiSync.Benchmarks;
using KpiSync.Hosting;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>bench sync</c>: sync throughput against the simulator (run in a child process), with and without the
/// rate limit, and this process's peak memory. See <see cref="SyncBenchmark"/>. <c>bench recompute</c> and
/// <c>bench fleet</c> (the job engine with many connections on several nodes, <see cref="FleetBenchmark"/>).</summary>
internal static class BenchCommand
{
    public static Command Build() => new("bench", "Benchmarks") { Sync(), Recompute(), Fleet() };

    private static Command Sync()
    {
        var json = new Option<bool>("--json") { Description = "Also print one JSON object as the last line" };
        var employees = new Option<int>("--employees") { Description = "Simulated sales reps", DefaultValueFactory = _ => 50 };
        var months = new Option<int>("--months") { Description = "Months of history", DefaultValueFactory = _ => 12 };
        var volume = new Option<double>("--volume") { Description = "Multiplies leads, calls and tasks per rep", DefaultValueFactory = _ => 5 };
        var limited = new Option<int>("--limited-entities") { Description = "Records to read with the 7 rps limit on", DefaultValueFactory = _ => 50_000 };
        var profile = new Option<bool>("--profile") { Description = "Break phase B down by stage and add read-only passes for comparison" };
        var cold = new Option<bool>("--cold") { Description = "Skip the untimed warm-up sync: phase A then includes the process's start-up (JIT)" };
        var command = new Command("sync", "Measure sync throughput with the 7 rps limit on and off, and peak memory")
        {
            json, employees, months, volume, limited, profile, cold,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new SyncBenchmarkOptions(parse.GetValue(employees), parse.GetValue(months), parse.GetValue(volume), parse.GetValue(limited),
                parse.GetValue(profile), parse.GetValue(cold));
            if (CliRunner.Check(parse, () => Validate(options)) is { } failed)
            {
                return failed;
            }

            // Quiet: the phases' hosts log at Warning and above only.
            var overrides = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" };
            return await CliRunner.RunAsync(parse, HostMode.Cli, overrides, async (session, output, token) =>
            {
                // Without a configured database this is the private cluster this session started.
                var server = session.Services.GetRequiredService<IConfiguration>().GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName)!;
                var summary = await new SyncBenchmark(output, server, overrides).RunAsync(options, token);
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(summary, BenchJsonContext.Default.BenchSummary));
                }

                return 0;
            }, ct);
        });
        return command;
    }

    private static Command Recompute()
    {
        var json = new Option<bool>("--json") { Description = "Also print one JSON object as the last line" };
        var employees = new Option<int>("--employees") { Description = "Sales reps", DefaultValueFactory = _ => 500 };
        var months = new Option<int>("--months") { Description = "Months of history", DefaultValueFactory = _ => 12 };
        var facts = new Option<long>("--facts") { Description = "Facts to generate", DefaultValueFactory = _ => 5_000_000 };
        var reuse = new Option<bool>("--reuse") { Description = "Reuse the data (and first full recompute) saved by an earlier --reuse run of the same size; save it if there is none" };
        var command = new Command("recompute", "Measure a full and a one-day incremental KPI recompute against one SQL aggregate (the floor)") { json, employees, months, facts, reuse };
        command.SetAction(async (parse, ct) =>
        {
            var options = new RecomputeBenchmarkOptions(parse.GetValue(employees), parse.GetValue(months), parse.GetValue(facts), parse.GetValue(reuse));
            if (CliRunner.Check(parse, () =>
                {
                    if (options.Employees < 1 || options.Months < 1 || options.Facts < 1000)
                    {
                        throw new CliUsageException("--employees and --months must be at least 1, --facts at least 1000");
                    }
                }) is { } failed)
            {
                return failed;
            }

            var overrides = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" };
            return await CliRunner.RunAsync(parse, HostMode.Cli, overrides, async (session, output, token) =>
            {
                var server = session.Services.GetRequiredService<IConfiguration>().GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName)!;
                var summary = await new RecomputeBenchmark(output, server, overrides).RunAsync(options, token);
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(summary, BenchJsonContext.Default.RecomputeSummary));
                }

                return 0;
            }, ct);
        });
        return command;
    }

    private static Command Fleet()
    {
        var json = new Option<bool>("--json") { Description = "Also print one JSON object as the last line" };
        var connections = new Option<int>("--connections") { Description = "Simulated small accounts, one connection each", DefaultValueFactory = _ => 100 };
        var nodes = new Option<int>("--nodes") { Description = "'serve' processes sharing the database", DefaultValueFactory = _ => 2 };
        var ticks = new Option<int>("--ticks") { Description = "Minutely schedule ticks to measure", DefaultValueFactory = _ => 3 };
        var workers = new Option<int>("--workers") { Description = "Scheduling:WorkerCount of each node", DefaultValueFactory = _ => 6 };
        var command = new Command("fleet", "Measure the job engine: many connections cycling every minute on several nodes over one database")
        {
            json, connections, nodes, ticks, workers,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new FleetBenchmarkOptions(parse.GetValue(connections), parse.GetValue(nodes), parse.GetValue(ticks), parse.GetValue(workers));
            if (CliRunner.Check(parse, () =>
                {
                    if (options.Connections < 1 || options.Nodes < 1 || options.Ticks < 1 || options.WorkersPerNode < 1)
                    {
                        throw new CliUsageException("--connections, --nodes, --ticks and --workers must be at least 1");
                    }
                }) is { } failed)
            {
                return failed;
            }

            var overrides = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" };
            return await CliRunner.RunAsync(parse, HostMode.Cli, overrides, async (session, output, token) =>
            {
                var server = session.Services.GetRequiredService<IConfiguration>().GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName)!;
                var summary = await new FleetBenchmark(output, server, overrides).RunAsync(options, token);
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(summary, BenchJsonContext.Default.FleetSummary));
                }

                return 0;
            }, ct);
        });
        return command;
    }

    private static void Validate(SyncBenchmarkOptions o)
    {
        if (o.Employees < 1 || o.Months < 1 || o.Volume <= 0)
        {
            throw new CliUsageException("--employees and --months must be at least 1 and --volume positive");
        }

        if (o.LimitedEntities < 1)
        {
            throw new CliUsageException("--limited-entities must be at least 1");
        }
    }
}
