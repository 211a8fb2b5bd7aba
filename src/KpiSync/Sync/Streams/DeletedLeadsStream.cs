using System.Globalization;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Sync.Streams;

/// <summary>The trash: leads deleted since the cursor become tombstones (KPIs stop counting them; history stays).</summary>
internal sealed class DeletedLeadsStream : SyncStream<AmoDeletedLead>
{
    public override string Name => "leads_deleted";

    public override Task<CrmPage<AmoDeletedLead>> FetchAsync(AmoCrmClient client, long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        client.GetDeletedLeadsAsync(fromUnix, toUnix, page, ct);

    public override Task<CrmPage<AmoDeletedLead>> FetchByIdsAsync(AmoCrmClient client, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        client.GetDeletedLeadsByIdAsync(ids, ct);

    public override long PositionOf(AmoDeletedLead item) => item.UpdatedAt;

    public override Task<int> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context, IReadOnlyList<AmoDeletedLead> items,
        List<RejectedRecord> rejected, CancellationToken ct)
    {
        foreach (var bad in items.Where(l => l.IsDeleted == false))
        {
            rejected.Add(new RejectedRecord(bad.Id.ToString(CultureInfo.InvariantCulture), $"{{\"id\":{bad.Id},\"is_deleted\":false}}", "served by with=only_deleted but not deleted"));
        }

        var deletions = items.Where(l => l.IsDeleted != false).Select(l => (l.Id, DateTimeOffset.FromUnixTimeSeconds(l.UpdatedAt), true)).ToList();
        return DealStore.ApplyDeletionsAsync(conn, tx, context.Connection.Id, deletions, ct);
    }
}
