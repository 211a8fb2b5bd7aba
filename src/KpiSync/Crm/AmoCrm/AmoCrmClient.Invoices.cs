using KpiSync.Crm.AmoCrm.Api;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

/// <summary>
/// The invoices catalog ("Счета/Покупки", README §4.8). amoCRM documents no updated_at filter or sort for catalog
/// elements (only <c>page</c>, <c>limit</c>, <c>query</c>, <c>filter[id][]</c>), so it is read whole, by page number.
/// </summary>
internal sealed partial class AmoCrmClient
{
    /// <summary>The account's invoices catalog: <c>invoices_settings.invoices_catalog_id</c> of <paramref name="account"/>
    /// (read by <see cref="GetAccountAsync"/>), else the catalog of type <c>invoices</c> (an account has at most one), else
    /// null — the account does not use invoices.</summary>
    public async Task<long?> FindInvoicesCatalogAsync(AmoAccount account, CancellationToken ct)
    {
        if (account.InvoicesSettings?.InvoicesCatalogId is > 0 and var id)
        {
            return id;
        }

        var catalogs = await ReadAllAsync(p => GetCatalogsAsync(p, ct));
        return catalogs.FirstOrDefault(c => c.Type == "invoices")?.Id;
    }

    /// <summary>Page <paramref name="page"/> of the invoices, in the list's own order (250 a page).</summary>
    public Task<CrmPage<AmoInvoice>> GetInvoicesAsync(long catalogId, int page, CancellationToken ct) =>
        GetPageAsync(c => api.GetCatalogElements(catalogId, new AmoListQuery { Page = page, Limit = MaxPageSize }, c), "elements",
            AmoCrmJsonContext.Default.AmoInvoice, ct);

    /// <summary>Which of <paramref name="ids"/> (at most 250) are still in the catalog, as they are now.</summary>
    public Task<CrmPage<AmoInvoice>> GetInvoicesByIdAsync(long catalogId, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        GetPageAsync(c => api.GetCatalogElements(catalogId, new AmoListQuery { Ids = Text(ids), Limit = MaxPageSize }, c), "elements",
            AmoCrmJsonContext.Default.AmoInvoice, ct);
}
