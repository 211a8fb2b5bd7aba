using System.Globalization;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Hosting;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Cli;

internal static partial class ConnectionsCommand
{
    /// <summary>
    /// Where the connection's payments come from: the invoices catalog where the account has one, else the lead field
    /// mapped as the paid amount, else nowhere. The invoice count is the last sync's (counting anew would read the whole catalog).
    /// </summary>
    private static async Task<string> PaymentSourceAsync(KpiSyncSession session, AmoCrmClient client, CrmConnection c, CancellationToken ct)
    {
        if (await client.FindInvoicesCatalogAsync(await client.GetAccountAsync(ct), ct) is { } catalog)
        {
            await using var conn = await session.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
            var read = await InvoiceStore.GetCatalogAsync(conn, null, c.Id, ct);
            var count = read is { CatalogId: var id, ReadAt: not null } && id == catalog
                ? string.Create(CultureInfo.InvariantCulture, $"{read.Invoices} invoices")
                : "not read yet";
            return string.Create(CultureInfo.InvariantCulture, $"payments: invoices catalog {catalog} ({count})");
        }

        var fields = await AmoCrmClient.ReadAllAsync(p => client.GetLeadFieldsAsync(p, ct));
        var map = LeadFieldMap.Resolve(fields, await session.Services.GetRequiredService<ConnectionStore>().GetLeadFieldChoicesAsync(c.Id, ct));
        return fields.FirstOrDefault(f => f.Id == map.Paid) is { } paid ? $"payments: lead field '{paid.Name}'" : "payments: none (no invoices catalog, no paid-amount lead field)";
    }
}
