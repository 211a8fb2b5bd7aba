using System.Globalization;

namespace KpiSync.Recompute;

/// <summary>Where a recompute spent its time, stage by stage (logged, and printed by <c>bench recompute</c>).</summary>
internal sealed class StageClock(TimeProvider time, Action<string>? reached = null)
{
    private readonly List<(string Stage, TimeSpan Took)> _stages = [];
    private long _last = time.GetTimestamp();

    public IReadOnlyList<(string Stage, TimeSpan Took)> Stages => _stages;

    public void Mark(string stage)
    {
        var now = time.GetTimestamp();
        _stages.Add((stage, time.GetElapsedTime(_last, now)));
        _last = now;
        reached?.Invoke(stage);
    }

    public override string ToString() => string.Join(", ", _stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.Took.TotalSeconds:0.00} s")));
}
