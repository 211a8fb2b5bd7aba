namespace KpiSync.CrmSimulator;

/// <summary>A custom field of a catalog, created by a client.</summary>
public sealed record SimCustomField(long Id, string Name, string Type);
