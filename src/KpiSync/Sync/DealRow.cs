namespace KpiSync.Sync;

/// <summary>A deal's current state as the CRM last reported it.</summary>
public sealed record DealRow(
    long CrmId,
    string? Name,
    decimal Price,
    long? ResponsibleId,
    long? PipelineId,
    long? StatusId,
    long? LossReasonId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    bool IsDeleted,
    long? SourceId = null,
    IReadOnlyList<string>? Tags = null,
    int? LaborCostSeconds = null,
    decimal? Cost = null,
    string? Segment = null,
    string? Product = null,
    decimal? PaidAmount = null,
    DateTimeOffset? PaymentDue = null,
    long? ClientId = null);
