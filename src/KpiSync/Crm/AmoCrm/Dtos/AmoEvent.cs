using System.Text.Json;

namespace KpiSync.Crm.AmoCrm.Dtos;

/// <summary>An amoCRM event; ids are strings (ULID-like), values are type-dependent arrays.</summary>
internal sealed record AmoEvent(
    string Id,
    string Type,
    long EntityId,
    string? EntityType,
    long? CreatedBy,
    long CreatedAt,
    JsonElement? ValueAfter,
    JsonElement? ValueBefore);
