namespace KpiSync.CrmSimulator;

/// <summary>A catalog element: field id to the value exactly as last written; cleared fields are absent.</summary>
public sealed record SimCatalogElement(long Id, string Name, IReadOnlyDictionary<long, string?> Values);
