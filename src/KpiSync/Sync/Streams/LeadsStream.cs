using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Sync.Streams;

/// <summary>amoCRM leads → <c>deals</c> (current state) and one deal-created fact each; and, where the account keeps
/// invoices, which invoices each lead links to (the invoices read attributes them through these links).</summary>
internal sealed class LeadsStream : SyncStream<AmoLead>
{
    public override string Name => "leads";

    public override Task<CrmPage<AmoLead>> FetchAsync(AmoCrmClient client, long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        client.GetLeadsAsync(fromUnix, toUnix, page, ct);

    public override Task<CrmPage<AmoLead>> FetchByIdsAsync(AmoCrmClient client, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        client.GetLeadsByIdAsync(ids, ct);

    public override bool DependsOnApiFilter => true;

    public override Task<CrmPage<AmoLead>> FetchNewestFirstAsync(AmoCrmClient client, int page, CancellationToken ct) =>
        client.GetLeadsNewestFirstAsync(page, ct);

    public override long PositionOf(AmoLead item) => item.UpdatedAt;

    public override async Task<int> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context, IReadOnlyList<AmoLead> items,
        List<RejectedRecord> rejected, CancellationToken ct)
    {
        var deals = new List<DealRow>(items.Count);
        var facts = new List<FunnelFact>(items.Count);
        foreach (var lead in Latest(items))
        {
            var r = AmoCrmFactMapper.MapLead(lead, context.Now, (p, s) => context.Stages.Contains((p, s)), context.LeadFields);
            if (r.RejectReason is { } reason)
            {
                rejected.Add(new RejectedRecord(lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), AmoCrmJson.Serialize(lead), reason));
            }
            else if (r.Value is var (deal, fact) && deal is not null)
            {
                deals.Add(deal);
                facts.Add(fact);
            }
        }

        facts.AddRange(await PaymentsAsync(conn, tx, context, deals, ct));
        var changed = await DealStore.UpsertAsync(conn, tx, context.Connection.Id, deals, ct);
        if (context.InvoicesCatalogId is { } catalog)
        {
            var stored = deals.Select(d => d.CrmId).ToHashSet();
            var links = Latest(items).Where(l => stored.Contains(l.Id))
                .SelectMany(l => (l.Embedded?.CatalogElements ?? []).Where(e => e.Metadata?.CatalogId == catalog).Select(e => (e.Id, l.Id)))
                .ToList();
            await InvoiceStore.ReplaceLinksAsync(conn, tx, context.Connection.Id, stored, links, ct);
        }

        return changed + await FunnelEventStore.UpsertAsync(conn, tx, context.Connection.Id, facts, ct);
    }

    /// <summary>
    /// A batch may hold a lead twice (it changed while we read and was read again): only its latest reading is stored,
    /// so a payment is derived once, against what we held before the batch.
    /// </summary>
    private static IEnumerable<AmoLead> Latest(IReadOnlyList<AmoLead> items)
    {
        var latest = new Dictionary<long, AmoLead>(items.Count);
        foreach (var lead in items)
        {
            if (!latest.TryGetValue(lead.Id, out var seen) || lead.UpdatedAt >= seen.UpdatedAt)
            {
                latest[lead.Id] = lead;
            }
        }

        return latest.Count == items.Count ? items : latest.Values;
    }

    /// <summary>
    /// Where the CRM keeps the paid amount in a lead field (not an invoice), each change of it is a payment fact at the
    /// time the lead changed: +delta received, −delta refunded. Compared with what we hold, in the page's transaction,
    /// so a re-read finds no change and adds nothing.
    /// </summary>
    private static async Task<IEnumerable<FunnelFact>> PaymentsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context,
        List<DealRow> deals, CancellationToken ct)
    {
        var paid = deals.Where(d => d.PaidAmount is not null).ToList();
        if (paid.Count == 0)
        {
            return [];
        }

        var before = await DealStore.GetOwnersAsync(conn, tx, context.Connection.Id, paid.Select(d => d.CrmId).ToList(), ct);
        return paid
            .Select(d => (Deal: d, Delta: d.PaidAmount!.Value - (before.TryGetValue(d.CrmId, out var o) ? o.PaidAmount ?? 0 : 0)))
            .Where(x => x.Delta != 0)
            .Select(x => new FunnelFact($"lead:{x.Deal.CrmId}:paid@{x.Deal.UpdatedAt.ToUnixTimeSeconds()}", FactKinds.Payment, x.Deal.ResponsibleId,
                x.Deal.CrmId, x.Deal.UpdatedAt, Amount: x.Delta));
    }
}
