namespace KpiSync.CrmSimulator;

/// <summary>An event on a lead; the value arrays are kept as the raw JSON the API serves.</summary>
public sealed record SimEvent(
    string Id,
    string Type,
    long EntityId,
    long CreatedBy,
    DateTimeOffset CreatedAt,
    string ValueAfterJson,
    string ValueBeforeJson);
