using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Sync.Streams;

/// <summary>
/// Lead stage and responsible changes → funnel facts. A stage fact is attributed to the deal's responsible and a win
/// carries the deal's price; both are read from <c>deals</c>, which the leads stream filled earlier in the same sync.
/// </summary>
internal sealed class LeadEventsStream : SyncStream<AmoEvent>
{
    public override string Name => "events";

    public override Task<CrmPage<AmoEvent>> FetchAsync(AmoCrmClient client, long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        client.GetLeadEventsAsync(fromUnix, toUnix, page, ct);

    public override Task<CrmPage<AmoEvent>> FetchByIdsAsync(AmoCrmClient client, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        client.GetEventsByIdAsync(ids, ct);

    public override long PositionOf(AmoEvent item) => item.CreatedAt;

    public override async Task<int> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context, IReadOnlyList<AmoEvent> items,
        List<RejectedRecord> rejected, CancellationToken ct)
    {
        var mapped = new List<FunnelFact>(items.Count);
        foreach (var e in items)
        {
            var r = AmoCrmFactMapper.MapEvent(e, context.Now);
            if (r.RejectReason is { } reason)
            {
                rejected.Add(new RejectedRecord(e.Id, AmoCrmJson.Serialize(e), reason));
            }
            else if (r.Value is { } fact)
            {
                mapped.Add(fact);
            }
        }

        var owners = await DealStore.GetOwnersAsync(conn, tx, context.Connection.Id, mapped.Where(f => f.DealId is not null).Select(f => f.DealId!.Value).Distinct().ToList(), ct);
        var facts = mapped.Select(f => f.EmployeeId is null && f.DealId is { } d && owners.TryGetValue(d, out var o)
            ? f with { EmployeeId = o.Responsible, Amount = f.Kind == FactKinds.DealWon ? o.Price : null }
            : f).ToList();
        var deletions = facts.Where(f => f.Kind is FactKinds.DealDeleted or FactKinds.DealRestored && f.DealId is not null)
            .Select(f => (f.DealId!.Value, f.OccurredAt, f.Kind == FactKinds.DealDeleted)).ToList();
        return await FunnelEventStore.UpsertAsync(conn, tx, context.Connection.Id, facts, ct)
            + await DealStore.ApplyDeletionsAsync(conn, tx, context.Connection.Id, deletions, ct);
    }
}
