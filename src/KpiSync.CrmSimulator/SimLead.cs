using KpiSync.CrmSimulator.Generation;

namespace KpiSync.CrmSimulator;

/// <summary>A lead as the simulator serves it (unless its id is in <see cref="SimulatorOptions.MalformedLeadIds"/>).</summary>
public sealed record SimLead(
    long Id,
    string Name,
    int Price,
    long ResponsibleUserId,
    long StatusId,
    long PipelineId,
    long? LossReasonId,
    long CreatedBy,
    long UpdatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt)
{
    /// <summary>Custom field values, tags, source, labor cost and the linked invoice.</summary>
    internal LeadDetails Details { get; init; } = LeadDetails.Empty;
}
