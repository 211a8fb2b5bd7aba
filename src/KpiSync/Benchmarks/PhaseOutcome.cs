namespace KpiSync.Benchmarks;

/// <summary>A phase's sync and, when profiled, its stage times and the read-only passes run after it.</summary>
internal sealed record PhaseOutcome(PhaseResult Sync, CpuSnapshot SyncCpu, IReadOnlyList<StageTime> SyncStages,
    IReadOnlyList<PhaseResult> FetchOnly, CpuSnapshot? FetchCpu, IReadOnlyList<StageTime> FetchStages);
