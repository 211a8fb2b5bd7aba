namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoTask(
    long Id,
    long? ResponsibleUserId,
    long? EntityId,
    string? EntityType,
    bool IsCompleted,
    long TaskTypeId,
    long? CompleteTill,
    long? Duration,
    long CreatedAt,
    long UpdatedAt,
    AmoTaskResult? Result);

internal sealed record AmoTaskResult(string? Text);
