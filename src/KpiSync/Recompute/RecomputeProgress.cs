using System.Collections.Concurrent;

namespace KpiSync.Recompute;

/// <summary>The stage each running recompute last finished, by connection id: a recompute writes no run row, and the
/// CLI's progress display reads this instead.</summary>
internal sealed class RecomputeProgress
{
    private readonly ConcurrentDictionary<int, string> _stages = new();

    public void Reached(int connectionId, string stage) => _stages[connectionId] = stage;

    public string? StageOf(int connectionId) => _stages.TryGetValue(connectionId, out var stage) ? stage : null;
}
