namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoLead(
    long Id,
    string? Name,
    decimal? Price,
    long? ResponsibleUserId,
    long? StatusId,
    long? PipelineId,
    long? LossReasonId,
    long? CreatedBy,
    long CreatedAt,
    long UpdatedAt,
    long? ClosedAt,
    bool? IsDeleted);
