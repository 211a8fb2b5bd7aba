namespace KpiSync.CrmSimulator.Generation;

/// <summary>A lead's life before ids are assigned (ids follow creation time, like a real account).</summary>
internal sealed class LeadPlan
{
    public required int Sequence { get; init; }

    public required long CreatorId { get; init; }

    public required long CreatedAt { get; init; }

    public required string Name { get; init; }

    public required int Price { get; init; }

    public required IReadOnlyList<StatusMove> Moves { get; init; }

    public ResponsibleChange? ResponsibleChange { get; init; }

    public long? LossReasonId { get; init; }

    public bool HasAddedNote { get; init; }

    public long Id { get; set; }

    public long ResponsibleAt(long moment) =>
        ResponsibleChange is { } change && moment >= change.At ? change.ToUserId : CreatorId;
}
