namespace KpiSync.Kpis.Facts;

/// <summary>
/// One activity. <see cref="Outcome"/> is the amoCRM call status for calls (4 = a conversation took place) and 1/0
/// (completed or not) for meetings and tasks. <see cref="SourceKey"/> is read only when a value is being explained.
/// </summary>
public readonly record struct ActivityFact(
    long EmployeeId,
    ActivityKind Kind,
    DateTimeOffset At,
    int DurationSeconds,
    short? Outcome,
    long? DealId,
    string? SourceKey = null)
{
    public bool IsCall => Kind is ActivityKind.CallIn or ActivityKind.CallOut;

    /// <summary>A call counts as answered on call status 4, or with a positive duration where the status is missing.</summary>
    public bool IsAnsweredCall => IsCall && (Outcome == 4 || (Outcome is null && DurationSeconds > 0));

    public bool IsCompleted => !IsCall && Outcome == 1;

    /// <summary>A client interaction: any call, a completed meeting, a completed task.</summary>
    public bool IsTouch => IsCall || IsCompleted;
}
