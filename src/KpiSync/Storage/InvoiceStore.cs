using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>invoice_catalogs</c> and <c>invoice_links</c> tables: which catalog holds a connection's invoices,
/// and which lead each invoice belongs to (as the leads last read said).</summary>
internal static class InvoiceStore
{
    private const string UpsertCatalog = """
        insert into kpisync.invoice_catalogs (connection_id, catalog_id, invoices, read_at) values (@c, @catalogId, @invoices, @readAt)
        on conflict (connection_id) do update set catalog_id = excluded.catalog_id, invoices = excluded.invoices, read_at = excluded.read_at
        """;

    private const string DeleteCatalog = "delete from kpisync.invoice_catalogs where connection_id = @c";

    private const string SelectCatalog = "select catalog_id, invoices, read_at from kpisync.invoice_catalogs where connection_id = @c";

    private const string DeleteLinks = "delete from kpisync.invoice_links where connection_id = @c and lead_id = any(@leads)";

    private const string InsertLinks = """
        insert into kpisync.invoice_links (connection_id, invoice_id, lead_id)
        select @c, i, l from unnest(@invoices, @leadIds) as x(i, l)
        on conflict (connection_id, invoice_id) do update set lead_id = excluded.lead_id
        """;

    private const string SelectLinks = "select invoice_id, lead_id from kpisync.invoice_links where connection_id = @c and invoice_id = any(@ids)";

    /// <summary>The account has no invoices catalog (any more): back to the paid-amount field.</summary>
    public static Task ForgetCatalogAsync(NpgsqlConnection conn, int c, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(DeleteCatalog, new { c }, cancellationToken: ct));

    /// <summary>After a complete read: the catalog, how many invoices it held, and when. From then on the connection's receivables come from invoices.</summary>
    public static Task SetReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long catalogId, int invoices, DateTimeOffset readAt, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(UpsertCatalog, new { c, catalogId, invoices, readAt }, tx, cancellationToken: ct));

    public static async Task<InvoiceCatalogRow?> GetCatalogAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int c, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<InvoiceCatalogRow>(new CommandDefinition(SelectCatalog, new { c }, tx, cancellationToken: ct));

    /// <summary>Replaces the invoice links of <paramref name="leads"/> with <paramref name="links"/> (a lead read again says all its links).</summary>
    public static async Task ReplaceLinksAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<long> leads,
        IReadOnlyList<(long Invoice, long Lead)> links, CancellationToken ct)
    {
        if (leads.Count == 0)
        {
            return;
        }

        await conn.ExecuteAsync(new CommandDefinition(DeleteLinks, new { c, leads = leads.ToArray() }, tx, cancellationToken: ct));
        if (links.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(InsertLinks,
                new { c, invoices = links.Select(l => l.Invoice).ToArray(), leadIds = links.Select(l => l.Lead).ToArray() }, tx, cancellationToken: ct));
        }
    }

    public static async Task<IReadOnlyDictionary<long, long>> GetLinksAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<long> invoices,
        CancellationToken ct) =>
        (await conn.QueryAsync<(long Invoice, long Lead)>(new CommandDefinition(SelectLinks, new { c, ids = invoices.ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Invoice, r => r.Lead);
}

/// <summary>The invoices catalog a connection reads, and its last complete read (null before the first).</summary>
public sealed record InvoiceCatalogRow(long CatalogId, int Invoices, DateTimeOffset? ReadAt);
