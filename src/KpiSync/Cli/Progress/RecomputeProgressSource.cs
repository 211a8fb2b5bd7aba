using System.Globalization;
using KpiSync.Recompute;

namespace KpiSync.Cli.Progress;

/// <summary>A running recompute's last finished stage and its time so far: it has no count to estimate the rest from.</summary>
internal sealed class RecomputeProgressSource(RecomputeProgress progress, TimeProvider time, int connectionId, string label)
{
    private readonly long _started = time.GetTimestamp();

    public Task<ProgressReading?> ReadAsync(CancellationToken ct) => Task.FromResult<ProgressReading?>(new(string.Create(CultureInfo.InvariantCulture,
        $"{label}: {(progress.StageOf(connectionId) is { } stage ? stage + " done" : "starting")}, {time.GetElapsedTime(_started).TotalSeconds:0} s"), null));
}
