namespace KpiSync.CrmSimulator.Catalogs;

/// <summary>A mutable catalog element; values are kept as the strings last written, cleared fields removed.</summary>
internal sealed class ElementEntry
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public required long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }

    public Dictionary<long, string> Values { get; } = [];
}
