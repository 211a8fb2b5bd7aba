namespace KpiSync.CrmSimulator;

/// <summary>A task on a lead: type 1 follow-up, type 2 meeting.</summary>
public sealed record SimTask(
    long Id,
    long EntityId,
    long ResponsibleUserId,
    int TaskTypeId,
    string Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset CompleteTill,
    int DurationSeconds,
    bool IsCompleted,
    string? ResultText);
