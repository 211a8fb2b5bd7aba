using System.Globalization;
using KpiSync.Crm.AmoCrm.Api;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

internal sealed partial class AmoCrmClient
{
    public Task<CrmPage<AmoCatalog>> GetCatalogsAsync(int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetCatalogs(new AmoListQuery { Page = page, Limit = MaxPageSize }, c), "catalogs",
            AmoCrmJsonContext.Default.AmoCatalog, c => c.Name, ct);

    /// <summary>Creates a regular list; returns its id.</summary>
    public async Task<long> CreateCatalogAsync(string name, CancellationToken ct)
    {
        var created = await CreateAsync(c => api.CreateCatalogs([new AmoNewCatalog(name, "regular", RequestId(0))], c), "catalogs", 1, ct);
        return created[0];
    }

    public Task<CrmPage<AmoCustomField>> GetCatalogFieldsAsync(long catalogId, int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetCatalogFields(catalogId, new AmoListQuery { Page = page, Limit = MaxPageSize }, c), "custom_fields",
            AmoCrmJsonContext.Default.AmoCustomField, f => f.Name, ct);

    /// <summary>Creates fields; returns their ids in the order given.</summary>
    public Task<IReadOnlyList<long>> CreateCatalogFieldsAsync(long catalogId, IReadOnlyList<AmoNewCustomField> fields, CancellationToken ct) =>
        CreateAsync(c => api.CreateCatalogFields(catalogId, [.. fields.Select((f, i) => f with { RequestId = RequestId(i) })], c),
            "custom_fields", fields.Count, ct);

    /// <summary>Renames fields and sets their codes.</summary>
    public async Task UpdateCatalogFieldsAsync(long catalogId, IReadOnlyList<AmoFieldUpdate> fields, CancellationToken ct)
    {
        using var response = await SendAsync(c => api.UpdateCatalogFields(catalogId, [.. fields], c), ct);
    }

    public Task<CrmPage<AmoCatalogElement>> GetCatalogElementsAsync(long catalogId, int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetCatalogElements(catalogId, new AmoListQuery { Page = page, Limit = MaxPageSize }, c), "elements",
            AmoCrmJsonContext.Default.AmoCatalogElement, e => e.Name, ct);

    /// <summary>Creates elements; returns their ids in the order given.</summary>
    public Task<IReadOnlyList<long>> CreateCatalogElementsAsync(long catalogId, IReadOnlyList<AmoElementWrite> elements, CancellationToken ct) =>
        CreateAsync(c => api.CreateCatalogElements(catalogId, [.. elements.Select((e, i) => e with { RequestId = RequestId(i) })], c),
            "elements", elements.Count, ct);

    /// <summary>Patches elements (only the fields given; <c>values: null</c> clears one).</summary>
    public async Task UpdateCatalogElementsAsync(long catalogId, IReadOnlyList<AmoElementWrite> elements, CancellationToken ct)
    {
        using var response = await SendAsync(c => api.UpdateCatalogElements(catalogId, [.. elements], c), ct);
    }

    /// <summary>
    /// Sends a create and maps its answer back to the request by <c>request_id</c> (amoCRM may answer with no more than
    /// <c>id</c> and <c>request_id</c> per item, in any order); an answer that does not account for every item is an error.
    /// </summary>
    private async Task<IReadOnlyList<long>> CreateAsync(Func<CancellationToken, Task<HttpResponseMessage>> call, string embedded, int count, CancellationToken ct)
    {
        using var response = await SendAsync(call, ct);
        var created = await ReadEmbeddedAsync(response, embedded, AmoCrmJsonContext.Default.AmoCreated, ct);
        var ids = new long?[count];
        foreach (var item in created)
        {
            if (item.Id is { } id && int.TryParse(item.RequestId, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < count)
            {
                ids[index] = id;
            }
        }

        var missing = Array.FindIndex(ids, id => id is null);
        return missing < 0
            ? [.. ids.Select(id => id!.Value)]
            : throw Unexpected(response, $"the answer has no id for request_id {missing} ({created.Count} items for {count} sent)");
    }

    private static string RequestId(int index) => index.ToString(CultureInfo.InvariantCulture);

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
