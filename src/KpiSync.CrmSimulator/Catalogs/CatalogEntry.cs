namespace KpiSync.CrmSimulator.Catalogs;

/// <summary>A mutable catalog; only touched under <see cref="CatalogStore.Gate"/>.</summary>
internal sealed class CatalogEntry
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required string Type { get; init; }

    public required long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }

    public List<FieldEntry> Fields { get; } = [];

    public List<ElementEntry> Elements { get; } = [];

    public FieldEntry? FindField(long id) => Fields.Find(field => field.Id == id);

    public FieldEntry? FindField(string code) => Fields.Find(field => string.Equals(field.Code, code, StringComparison.Ordinal));

    public ElementEntry? FindElement(long id) => Elements.Find(element => element.Id == id);
}
