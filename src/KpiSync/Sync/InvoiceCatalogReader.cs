using System.Globalization;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Sync;

/// <summary>
/// Reads the account's invoices catalog whole at every sync — amoCRM documents no updated_at filter or sort for catalog
/// elements — page by page, by page number, 250 a page (one request per 250 invoices per sync). Pages are stored in
/// batches as the streams' are (Sync:CommitRecords / Sync:CommitEvery), one transaction each, since a transaction's
/// fixed costs dwarf a page's rows; the upserts are idempotent (an unchanged invoice changes no row), and with no cursor
/// a kill simply reads the catalog again. An invoice counts for the deal
/// whose lead links to it (<c>invoice_links</c>, from the leads stream); one without a known lead is passed over until a
/// lead names it. After a complete read, the invoices that counted before and did not now (deleted, unlinked, or
/// quarantined) become tombstones — once a look-up by id confirms they are gone, since a deletion during the read
/// shifts later invoices back a page.
/// </summary>
internal sealed class InvoiceCatalogReader(NpgsqlDataSource dataSource, IOptions<SyncOptions> options, TimeProvider time,
    ILogger<InvoiceCatalogReader> logger)
{
    public const string StreamName = "invoices";
    private static readonly string[] CountedKinds = [FactKinds.Invoice, FactKinds.InvoicePayment];

    /// <summary>The account's invoices catalog, or null when it keeps none (then its receivables come from the paid-amount field again).</summary>
    public async Task<long?> FindCatalogAsync(AmoCrmClient client, AmoAccount account, int connectionId, CancellationToken ct)
    {
        var catalog = await client.FindInvoicesCatalogAsync(account, ct);
        if (catalog is null)
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await InvoiceStore.ForgetCatalogAsync(conn, connectionId, ct);
        }

        return catalog;
    }

    public async Task ReadAsync(AmoCrmClient client, SyncContext context, long catalogId, SyncCounts counts, CancellationToken ct)
    {
        var c = context.Connection.Id;
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var seen = 0;
        var batch = new List<CrmPage<AmoInvoice>>();
        var (records, opened) = (0, 0L);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        for (var page = 1; ; page++)
        {
            var result = await client.GetInvoicesAsync(catalogId, page, ct);
            if (result.Count == 0)
            {
                break;
            }

            seen += result.Count;
            opened = batch.Count == 0 ? time.GetTimestamp() : opened;
            batch.Add(result);
            records += result.Count;
            context.Progress?.PageOfWindow(StreamName, result.Count);
            if (!result.HasNext)
            {
                break;
            }

            if (records >= options.Value.CommitRecords || time.GetElapsedTime(opened) >= options.Value.CommitEvery
                || context.StopBetweenPages.IsCancellationRequested)
            {
                await StoreAsync(conn, context, batch, counted, counts, ct);
                (batch, records) = ([], 0);
            }

            // Graceful stop: the pages read are stored; nothing is marked deleted from an incomplete read.
            context.StopBetweenPages.ThrowIfCancellationRequested();
        }

        await StoreAsync(conn, context, batch, counted, counts, ct);

        await using var tx = await conn.BeginTransactionAsync(ct);
        var held = await FunnelEventStore.KeysOfKindsAsync(conn, tx, c, CountedKinds, ct);
        var missing = held.Where(k => !counted.Contains(k)).Select(AmoInvoiceMapper.InvoiceIdOf).Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        await tx.CommitAsync(ct);
        foreach (var chunk in missing.Chunk(AmoCrmClient.MaxPageSize))
        {
            // Still there after all (it moved between pages while we read): store it as it is now.
            var again = await client.GetInvoicesByIdAsync(catalogId, chunk, ct);
            await StoreAsync(conn, context, [again], counted, counts, ct);
        }

        await using var tx2 = await conn.BeginTransactionAsync(ct);
        var gone = held.Where(k => !counted.Contains(k)).ToList();
        var voided = await FunnelEventStore.VoidAsync(conn, tx2, c, gone, CountedKinds, ct);
        await InvoiceStore.SetReadAsync(conn, tx2, c, catalogId, seen, time.GetUtcNow(), ct);
        await tx2.CommitAsync(ct);
        counts.Changed += voided;
        context.Progress?.Done(StreamName);
        if (voided > 0)
        {
            logger.LogInformation("Invoices of connection {Connection}: {Voided} facts of invoices no longer in catalog {Catalog} stop counting",
                context.Connection.Name, voided, catalogId);
        }
    }

    /// <summary>Stores <paramref name="pages"/> in one transaction. An invoice read twice (it moved between pages while
    /// they were read) is stored as last read, so its payment and the undoing of it cannot disagree.</summary>
    private static async Task StoreAsync(NpgsqlConnection conn, SyncContext context, List<CrmPage<AmoInvoice>> pages,
        HashSet<string> counted, SyncCounts counts, CancellationToken ct)
    {
        if (pages.Count == 0)
        {
            return;
        }

        var c = context.Connection.Id;
        await using var tx = await conn.BeginTransactionAsync(ct);
        var lastRead = new Dictionary<long, AmoInvoice>();
        foreach (var invoice in pages.SelectMany(p => p.Items))
        {
            lastRead[invoice.Id] = invoice;
        }

        var invoices = lastRead.Values.Where(i => i.IsDeleted != true).ToList();
        var links = await InvoiceStore.GetLinksAsync(conn, tx, c, invoices.Select(i => i.Id).ToList(), ct);
        var owners = await DealStore.GetOwnersAsync(conn, tx, c, links.Values.Distinct().ToList(), ct);
        var facts = new List<FunnelFact>();
        var unpaid = new List<string>();
        var rejected = pages.SelectMany(p => p.Rejected).ToList();
        foreach (var invoice in invoices)
        {
            long? lead = links.TryGetValue(invoice.Id, out var l) ? l : null;
            var owner = lead is { } id ? owners.GetValueOrDefault(id) : null;
            var mapped = AmoInvoiceMapper.Map(invoice, lead, owner, context.Now);
            if (mapped.RejectReason is { } reason)
            {
                rejected.Add(new RejectedRecord(invoice.Id.ToString(CultureInfo.InvariantCulture), AmoCrmJson.Serialize(invoice), reason));
            }
            else if (mapped.Value is { } f)
            {
                facts.Add(f.Invoiced);
                counted.Add(f.Invoiced.SourceKey);
                if (f.Payment is { } payment)
                {
                    facts.Add(payment);
                    counted.Add(payment.SourceKey);
                }
                else
                {
                    unpaid.Add(AmoInvoiceMapper.PaymentKeyOf(invoice.Id));
                }
            }
        }

        // A payment undone in the CRM (the status went back to created) stops counting at once.
        counts.Changed += await FunnelEventStore.UpsertAsync(conn, tx, c, facts, ct)
            + await FunnelEventStore.VoidAsync(conn, tx, c, unpaid, CountedKinds, ct);
        await QuarantineStore.AddAsync(conn, tx, c, StreamName, rejected, ct);
        await tx.CommitAsync(ct);
        counts.Pages += pages.Count;
        counts.Entities += pages.Sum(p => p.Count);
        counts.Quarantined += rejected.Count;
    }

}
