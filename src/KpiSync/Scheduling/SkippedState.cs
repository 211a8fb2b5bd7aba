using Hangfire.States;

namespace KpiSync.Scheduling;

/// <summary>A final state for a job that did not run its cycle because another runner held the connection: neither a
/// success (nothing was read) nor a failure (nothing is wrong).</summary>
internal sealed class SkippedState(string reason, DateTimeOffset at) : IState
{
    public const string StateName = "Skipped";

    public string Name => StateName;

    public string Reason => reason;

    public bool IsFinal => true;

    public bool IgnoreJobLoadException => false;

    public Dictionary<string, string> SerializeData() => new() { ["SkippedAt"] = Hangfire.Common.JobHelper.SerializeDateTime(at.UtcDateTime) };
}
