namespace KpiSync.CrmSimulator;

/// <summary>A custom field of a catalog, created by a client; <see cref="Code"/> is null when it has none.</summary>
public sealed record SimCustomField(long Id, string Name, string Type, string? Code = null);
