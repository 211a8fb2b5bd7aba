using KpiSync.Kpis.Facts;

namespace KpiSync.Kpis.Engine;

/// <summary>
/// What a deal's running-month part takes (incremental recompute): the deal with its deal facts, the touch
/// that already answered the assignment in force when the month began, if one came before then, and the touches dated
/// in the month. Replaying <see cref="Record"/> with these gives the running month's part exactly as a replay over
/// every touch does: earlier touches only count in earlier months.
/// </summary>
public sealed record DealTail(DealRecord Record, long? AnchorEmployee, DateTimeOffset? AnchorAt)
{
    /// <summary>
    /// The deal's touches dated from the running month's start on, by time then employee. An incremental recompute
    /// keeps those of employee-days nothing changed on and takes the rest from the days it reads anyway, so a deal
    /// touched today is replayed without reading its touches from the fact table.
    /// </summary>
    public IReadOnlyList<TailTouch> Touches { get; init; } = [];

    /// <summary>The anchor as an activity to feed an engine before the deal; null when there is none.</summary>
    public ActivityFact? AnchorTouch => AnchorEmployee is { } e && AnchorAt is { } at ? Touch(e, at) : null;

    /// <summary>A kept touch as an activity to feed an engine before the deal (any touch counts alike for a deal).</summary>
    public ActivityFact AsActivity(TailTouch touch) => Touch(touch.EmployeeId, touch.At);

    private ActivityFact Touch(long employee, DateTimeOffset at) => new(employee, ActivityKind.CallOut, at, 0, null, Record.Id);
}

/// <summary>A touch kept in a <see cref="DealTail"/>: who touched the deal, and when.</summary>
public readonly record struct TailTouch(long EmployeeId, DateTimeOffset At);
