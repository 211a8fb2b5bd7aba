using KpiSync.Kpis.Facts;

namespace KpiSync.Kpis.Engine;

/// <summary>
/// What a deal's running-month part needs besides the touches dated in that month (issue #4, incremental recompute):
/// the deal with its deal facts, and the touch that already answered the assignment in force when the month began, if
/// one came before then. Replaying <see cref="Record"/> with that touch and the month's touches gives the running
/// month's part exactly as a replay over every touch does: earlier touches only count in earlier months.
/// </summary>
public sealed record DealTail(DealRecord Record, long? AnchorEmployee, DateTimeOffset? AnchorAt)
{
    /// <summary>The anchor as an activity to feed an engine before the deal; null when there is none.</summary>
    public ActivityFact? AnchorTouch => AnchorEmployee is { } e && AnchorAt is { } at
        ? new ActivityFact(e, ActivityKind.CallOut, at, 0, null, Record.Id)
        : null;
}
