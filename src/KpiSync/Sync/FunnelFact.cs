namespace KpiSync.Sync;

/// <summary>One normalized row of the funnel event store. <see cref="SourceKey"/> names the CRM record behind it.</summary>
public sealed record FunnelFact(
    string SourceKey,
    string Kind,
    long? EmployeeId,
    long? DealId,
    DateTimeOffset OccurredAt,
    decimal? Amount = null,
    int? DurationSeconds = null,
    long? StageFrom = null,
    long? StageTo = null,
    short? Outcome = null,
    string? PayloadJson = null);
