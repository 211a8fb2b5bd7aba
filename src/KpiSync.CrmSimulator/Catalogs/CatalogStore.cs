namespace KpiSync.CrmSimulator.Catalogs;

/// <summary>Catalogs created by clients. Callers hold <see cref="Gate"/> while they read or change entries.</summary>
internal sealed class CatalogStore
{
    public const int MaxCatalogs = 10;
    private long _nextCatalogId = 7001;
    private long _nextFieldId = 800001;
    private long _nextElementId = 600000001;

    public Lock Gate { get; } = new();

    public List<CatalogEntry> Catalogs { get; } = [];

    public CatalogEntry? Find(long id) => Catalogs.Find(catalog => catalog.Id == id);

    public CatalogEntry AddCatalog(string name, string type, long now)
    {
        var catalog = new CatalogEntry { Id = _nextCatalogId++, Name = name, Type = type, CreatedAt = now, UpdatedAt = now };
        Catalogs.Add(catalog);
        return catalog;
    }

    public FieldEntry AddField(CatalogEntry catalog, string name, string type, string? code, int sort, bool isApiOnly)
    {
        var field = new FieldEntry(_nextFieldId++, catalog.Id, name, type, code, sort, isApiOnly);
        catalog.Fields.Add(field);
        return field;
    }

    public ElementEntry AddElement(CatalogEntry catalog, string name, long now)
    {
        var element = new ElementEntry { Id = _nextElementId++, Name = name, CreatedAt = now, UpdatedAt = now };
        catalog.Elements.Add(element);
        return element;
    }

    public IReadOnlyList<SimCatalog> Snapshot()
    {
        lock (Gate)
        {
            return Catalogs.Select(catalog => new SimCatalog(
                    catalog.Id,
                    catalog.Name,
                    catalog.Type,
                    catalog.Fields.Select(field => new SimCustomField(field.Id, field.Name, field.Type, field.Code)).ToList(),
                    catalog.Elements.Select(element => new SimCatalogElement(
                        element.Id,
                        element.Name,
                        element.Values.ToDictionary(pair => pair.Key, pair => (string?)pair.Value))).ToList()))
                .ToList();
        }
    }
}
