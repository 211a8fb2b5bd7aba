namespace KpiSync.Crm.AmoCrm.Dtos;

/// <summary>An amoCRM event; ids are strings (ULID-like), values are type-dependent arrays (<see cref="AmoEventValues"/>).</summary>
internal sealed record AmoEvent(
    string Id,
    string Type,
    long EntityId,
    string? EntityType,
    long? CreatedBy,
    long CreatedAt,
    AmoEventValues? ValueAfter,
    AmoEventValues? ValueBefore);
