using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Sync.Streams;

/// <summary>amoCRM leads → <c>deals</c> (current state) and one deal-created fact each.</summary>
internal sealed class LeadsStream : SyncStream<AmoLead>
{
    public override string Name => "leads";

    public override Task<CrmPage<AmoLead>> FetchAsync(AmoCrmClient client, long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        client.GetLeadsAsync(fromUnix, toUnix, page, ct);

    public override Task<CrmPage<AmoLead>> FetchByIdsAsync(AmoCrmClient client, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        client.GetLeadsByIdAsync(ids, ct);

    public override Task<CrmPage<AmoLead>>? FetchNewestFirstAsync(AmoCrmClient client, int page, CancellationToken ct) =>
        client.GetLeadsNewestFirstAsync(page, ct);

    public override long PositionOf(AmoLead item) => item.UpdatedAt;

    public override async Task<int> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context, IReadOnlyList<AmoLead> items,
        List<RejectedRecord> rejected, CancellationToken ct)
    {
        var deals = new List<DealRow>(items.Count);
        var facts = new List<FunnelFact>(items.Count);
        foreach (var lead in items)
        {
            var r = AmoCrmFactMapper.MapLead(lead, context.Now, (p, s) => context.Stages.Contains((p, s)));
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

        var changed = await DealStore.UpsertAsync(conn, tx, context.Connection.Id, deals, ct);
        return changed + await FunnelEventStore.UpsertAsync(conn, tx, context.Connection.Id, facts, ct);
    }
}
