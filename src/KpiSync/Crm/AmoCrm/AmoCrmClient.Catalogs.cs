using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

internal sealed partial class AmoCrmClient
{
    public Task<CrmPage<AmoCatalog>> GetCatalogsAsync(int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/catalogs?page={page}&limit={MaxPageSize}"), "catalogs", AmoCrmJsonContext.Default.AmoCatalog, RecordKey, ct);

    public async Task<AmoCatalog> CreateCatalogAsync(string name, CancellationToken ct)
    {
        var created = await WriteAsync(HttpMethod.Post, "api/v4/catalogs", [new AmoNewCatalog(name, "regular")],
            AmoCrmJsonContext.Default.IReadOnlyListAmoNewCatalog, "catalogs", AmoCrmJsonContext.Default.AmoCatalog, ct);
        return created.Single();
    }

    public Task<CrmPage<AmoCustomField>> GetCatalogFieldsAsync(long catalogId, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/catalogs/{catalogId}/custom_fields?page={page}&limit={MaxPageSize}"), "custom_fields",
            AmoCrmJsonContext.Default.AmoCustomField, RecordKey, ct);

    public Task<IReadOnlyList<AmoCustomField>> CreateCatalogFieldsAsync(long catalogId, IReadOnlyList<AmoNewCustomField> fields, CancellationToken ct) =>
        WriteAsync(HttpMethod.Post, Q($"api/v4/catalogs/{catalogId}/custom_fields"), fields,
            AmoCrmJsonContext.Default.IReadOnlyListAmoNewCustomField, "custom_fields", AmoCrmJsonContext.Default.AmoCustomField, ct);

    public Task<CrmPage<AmoCatalogElement>> GetCatalogElementsAsync(long catalogId, int page, CancellationToken ct) =>
        GetPageAsync(Q($"api/v4/catalogs/{catalogId}/elements?page={page}&limit={MaxPageSize}"), "elements",
            AmoCrmJsonContext.Default.AmoCatalogElement, RecordKey, ct);

    /// <summary>POST (new elements) or PATCH (existing ones); returns what amoCRM answered, in request order.</summary>
    public Task<IReadOnlyList<AmoCatalogElement>> WriteCatalogElementsAsync(long catalogId, IReadOnlyList<AmoElementWrite> elements, bool create, CancellationToken ct) =>
        WriteAsync(create ? HttpMethod.Post : HttpMethod.Patch, Q($"api/v4/catalogs/{catalogId}/elements"), elements,
            AmoCrmJsonContext.Default.IReadOnlyListAmoElementWrite, "elements", AmoCrmJsonContext.Default.AmoCatalogElement, ct);

    /// <summary>Every page of a list, for the small reference lists (users, catalogs, fields, elements).</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(Func<int, Task<CrmPage<T>>> getPage)
    {
        ArgumentNullException.ThrowIfNull(getPage);
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var p = await getPage(page);
            all.AddRange(p.Items);
            if (!p.HasNext || p.Count == 0)
            {
                return all;
            }
        }
    }
}
