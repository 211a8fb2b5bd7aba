namespace KpiSync.CrmSimulator.Catalogs;

/// <summary>A catalog field; its name and code change on PATCH, under <see cref="CatalogStore.Gate"/>.</summary>
internal sealed class FieldEntry(long id, long catalogId, string name, string type, string? code, int sort, bool isApiOnly)
{
    public long Id { get; } = id;

    public long CatalogId { get; } = catalogId;

    public string Name { get; set; } = name;

    public string Type { get; } = type;

    public string? Code { get; set; } = code;

    public int Sort { get; set; } = sort;

    public bool IsApiOnly { get; } = isApiOnly;

    public bool IsNumeric => Type is "numeric" or "price" or "monetary";

    /// <summary>amoCRM keeps date values as Unix seconds and reads them back as numbers (README §4.10).</summary>
    public bool IsDate => Type is "date" or "date_time" or "birthday";
}
