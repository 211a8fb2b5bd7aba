namespace KpiSync.CrmSimulator;

/// <summary>A snapshot of a catalog (list) created by a client.</summary>
public sealed record SimCatalog(
    long Id,
    string Name,
    string Type,
    IReadOnlyList<SimCustomField> Fields,
    IReadOnlyList<SimCatalogElement> Elements);
