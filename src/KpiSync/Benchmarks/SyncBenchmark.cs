using System.Globalization;
using KpiSync.Crm.AmoCrm;

namespace KpiSync.Benchmarks;

/// <summary>
/// The sync benchmark (issue: ≥ 95 % of the 1750/s ceiling at 7 rps, ≥ 50 000 entities/s without a limit, peak
/// ≤ 300 MB). Phase A syncs with the rate limit on until a target of records is stored; phase B syncs the whole
/// account with it off. Each phase gets a fresh database and its own simulator child process (the simulator's
/// limit matches the phase), and the fixed seed and anchor make runs comparable.
/// </summary>
internal sealed class SyncBenchmark(TextWriter output, string serverConnectionString, IReadOnlyDictionary<string, string?> baseOverrides)
{
    public const int LimitedRequestsPerSecond = 7;
    public const int CeilingPerSecond = LimitedRequestsPerSecond * AmoCrmClient.MaxPageSize;
    private const int Seed = 42;
    private static readonly DateOnly Anchor = new(2026, 1, 1);

    public async Task<BenchSummary> RunAsync(SyncBenchmarkOptions o, CancellationToken ct)
    {
        var databases = new BenchDatabases(serverConnectionString);
        await using var memory = new MemorySampler();
        using var profiler = o.Profile ? new StageProfiler() : null;
        if (!o.Cold)
        {
            // A worker service syncs from a process that has run before: one small untimed sync first compiles the
            // sync path, so phase A's first seconds do not share the two cores with the JIT (each phase also warms
            // its simulator: SyncPhase).
            await PhaseAsync("warm-up (untimed)", BenchDatabases.WarmUp, 0, o with { Employees = 3, Months = 2, Volume = 1 }, null, null, databases, ct);
        }

        var a = await PhaseAsync("A: 7 rps limit", BenchDatabases.PhaseA, LimitedRequestsPerSecond, o, o.LimitedEntities, profiler, databases, ct);
        var b = await PhaseAsync("B: no limit", BenchDatabases.PhaseB, 0, o, null, profiler, databases, ct);
        var peakMb = MemorySampler.PeakWorkingSet() / 1048576.0;

        await output.WriteLineAsync(I($"Ceiling with the limit: {LimitedRequestsPerSecond} requests/s × {AmoCrmClient.MaxPageSize} records a page = {CeilingPerSecond} entities/s."));
        await output.WriteLineAsync(I($"{"phase",-16} {"entities",10} {"seconds",9} {"entities/s",11} {"requests",9} {"requests/s",11} {"per page",9} {"of ceiling",11}  status"));
        foreach (var p in (PhaseResult[])[a.Sync, b.Sync, .. b.FetchOnly])
        {
            var share = p == a.Sync ? I($"{p.EntitiesPerSecond / CeilingPerSecond,11:P1}") : new string(' ', 11);
            await output.WriteLineAsync(I($"{p.Name,-16} {p.Entities,10:N0} {p.Elapsed.TotalSeconds,9:F1} {p.EntitiesPerSecond,11:N0} {p.Pages,9:N0} {p.RequestsPerSecond,11:F2} {p.AveragePageSize,9:F1} {share}  {p.Status}"));
        }

        await output.WriteLineAsync(I($"Peak working set of this process: {peakMb:F0} MB (managed heap peak {memory.PeakManagedHeap / 1048576.0:F0} MB); the simulator child is not counted."));
        await WriteCpuAsync("phase A sync", a.Sync.Elapsed, a.SyncCpu);
        await WriteCpuAsync("phase B sync", b.Sync.Elapsed, b.SyncCpu);
        if (b.FetchCpu is { } fetchCpu)
        {
            await WriteCpuAsync("phase B read-only passes", TimeSpan.FromTicks(b.FetchOnly.Sum(f => f.Elapsed.Ticks)), fetchCpu);
            await WriteStagesAsync("phase A sync", a.Sync.Elapsed, a.SyncStages);
            await WriteStagesAsync("phase B sync", b.Sync.Elapsed, b.SyncStages);
            await WriteStagesAsync("phase B read-only passes", TimeSpan.FromTicks(b.FetchOnly.Sum(f => f.Elapsed.Ticks)), b.FetchStages);
        }

        return new BenchSummary(b.Sync.Entities, Math.Round(a.Sync.EntitiesPerSecond, 1), CeilingPerSecond, Math.Round(b.Sync.EntitiesPerSecond, 1), Math.Round(peakMb, 1));
    }

    private async Task<PhaseOutcome> PhaseAsync(string name, string database, int rps, SyncBenchmarkOptions o, int? stopAfter, StageProfiler? profiler,
        BenchDatabases databases, CancellationToken ct)
    {
        var spec = new SimulatorSpec(o.Employees, o.Months, o.Volume, rps, Seed, Anchor);
        await using var simulator = await SimulatorProcess.StartAsync(spec, ct);
        await output.WriteLineAsync($"{name}: {simulator.Account} at {simulator.BaseUrl}");
        var overrides = new Dictionary<string, string?>(baseOverrides)
        {
            ["ConnectionStrings:KpiSync"] = await databases.RecreateAsync(database, ct),
            ["Crm:RequestsPerSecond"] = rps.ToString(CultureInfo.InvariantCulture),
        };
        return await SyncPhase.RunAsync(name, database, overrides, simulator, stopAfter, profiler, warm: !o.Cold, ct);
    }

    private Task WriteCpuAsync(string what, TimeSpan wall, CpuSnapshot cpu) => output.WriteLineAsync(I(
        $"CPU during {what}: bench {cpu.Bench.TotalSeconds:F1} s, simulator {cpu.Simulator.TotalSeconds:F1} s, postgres {cpu.Postgres.TotalSeconds:F1} s, in {wall.TotalSeconds:F1} s wall × {Environment.ProcessorCount} cores"));

    private async Task WriteStagesAsync(string what, TimeSpan wall, IReadOnlyList<StageTime> stages)
    {
        await output.WriteLineAsync(I($"Wall time by stage, {what} ({wall.TotalSeconds:F1} s; HTTP until the response headers):"));
        foreach (var s in stages.Take(14))
        {
            await output.WriteLineAsync(I($"  {Truncate(s.Key, 64),-64} {s.Count,8:N0} × {s.Total.TotalMilliseconds / s.Count,7:F2} ms = {s.Total.TotalSeconds,7:F1} s"));
        }

        var covered = TimeSpan.FromTicks(stages.Sum(s => s.Total.Ticks));
        await output.WriteLineAsync(I($"  not covered (bodies, JSON, mapping, COPY rows, pool): {(wall - covered).TotalSeconds:F1} s"));
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
