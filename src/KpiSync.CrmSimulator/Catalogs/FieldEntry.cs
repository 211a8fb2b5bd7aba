namespace KpiSync.CrmSimulator.Catalogs;

internal sealed record FieldEntry(long Id, long CatalogId, string Name, string Type, string? Code, int Sort, bool IsApiOnly)
{
    public bool IsNumeric => Type is "numeric" or "price" or "monetary";
}
