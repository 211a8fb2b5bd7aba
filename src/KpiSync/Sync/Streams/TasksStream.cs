using System.Globalization;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using Npgsql;

namespace KpiSync.Sync.Streams;

/// <summary>
/// amoCRM tasks → meeting facts (type 2) and other task facts; completion is the fact's outcome. amoCRM filters tasks by
/// updated_at but sorts them only by created_at, complete_till or id, so the stream is read as a window (by id).
/// </summary>
internal sealed class TasksStream : SyncStream<AmoTask>
{
    public override string Name => "tasks";

    public override Task<CrmPage<AmoTask>> FetchAsync(AmoCrmClient client, long fromUnix, long? toUnix, int page, CancellationToken ct) =>
        client.GetTasksAsync(fromUnix, toUnix, page, ct);

    public override Task<CrmPage<AmoTask>> FetchByIdsAsync(AmoCrmClient client, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        client.GetTasksByIdAsync(ids, ct);

    public override long PositionOf(AmoTask item) => item.UpdatedAt;

    public override bool SortsByPosition => false;

    public override string KeyOf(AmoTask item) => item.Id.ToString(CultureInfo.InvariantCulture);

    public override Task<int> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context, IReadOnlyList<AmoTask> items,
        List<RejectedRecord> rejected, CancellationToken ct) =>
        FactStreams.MapAndStoreAsync(conn, tx, context, items, t => AmoCrmFactMapper.MapTask(t, context.Now),
            t => t.Id.ToString(CultureInfo.InvariantCulture), AmoCrmJson.Serialize, rejected, ct);
}
