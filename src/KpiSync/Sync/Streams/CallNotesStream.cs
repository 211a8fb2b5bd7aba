using System.Globalization;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using Npgsql;

namespace KpiSync.Sync.Streams;

/// <summary>amoCRM call notes (call_in / call_out on leads) → call facts.</summary>
internal sealed class CallNotesStream : SyncStream<AmoNote>
{
    public override string Name => "calls";

    public override Task<CrmPage<AmoNote>> FetchAsync(AmoCrmClient client, long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        client.GetCallNotesAsync(fromUnix, toUnix, page, ct);

    public override Task<CrmPage<AmoNote>> FetchByIdsAsync(AmoCrmClient client, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        client.GetNotesByIdAsync(ids, ct);

    public override long PositionOf(AmoNote item) => item.UpdatedAt;

    public override Task<int> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context, IReadOnlyList<AmoNote> items,
        List<RejectedRecord> rejected, CancellationToken ct) =>
        FactStreams.MapAndStoreAsync(conn, tx, context, items, n => AmoCrmFactMapper.MapCallNote(n, context.Now),
            n => n.Id.ToString(CultureInfo.InvariantCulture), AmoCrmJson.Serialize, rejected, ct);
}
