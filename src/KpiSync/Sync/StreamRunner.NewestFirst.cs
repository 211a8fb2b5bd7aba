using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;

namespace KpiSync.Sync;

internal sealed partial class StreamRunner
{
    /// <summary>
    /// Without API filtering: pages newest first until a page reaches back past <paramref name="from"/>. Records
    /// changing mid-read move to the front, so nothing is skipped (some are seen twice, harmlessly). Each page
    /// commits on its own; the cursor moves only with the last page, since earlier pages do not cover older changes.
    /// </summary>
    private async Task RunNewestFirstAsync<T>(SyncStream<T> stream, AmoCrmClient client, SyncContext context,
        long from, long? to, long? cursor, SyncCounts counts, CancellationToken ct)
    {
        var newest = cursor ?? 0;
        var result = await stream.FetchNewestFirstAsync(client, 1, ct);
        for (var page = 1; ; result = await stream.FetchNewestFirstAsync(client, ++page, ct))
        {
            var items = result.Items.Where(i => stream.PositionOf(i) >= from && (to is null || stream.PositionOf(i) < to)).ToList();
            newest = items.Count == 0 ? newest : Math.Max(newest, items.Max(stream.PositionOf));
            var done = !result.HasNext || result.Count == 0 || result.Items.Any(i => stream.PositionOf(i) < from);
            var end = to ?? context.Now.ToUnixTimeSeconds();
            context.Progress?.PageNewestFirst(stream.Name, result.Count, from, result.Items.Count == 0 ? from : result.Items.Min(stream.PositionOf), end);
            await using (var conn = await dataSource.OpenConnectionAsync(ct))
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                var rejected = new List<RejectedRecord>(result.Rejected);
                counts.Changed += await stream.StoreAsync(conn, tx, context, items, rejected, ct);
                await QuarantineStore.AddAsync(conn, tx, context.Connection.Id, stream.Name, rejected, ct);
                if (done && newest != (cursor ?? 0))
                {
                    await SyncCursorStore.AdvanceAsync(conn, tx, context.Connection.Id, stream.Name, cursor, newest, ct);
                }

                await tx.CommitAsync(ct);
                counts.Pages++;
                counts.Entities += result.Count;
                counts.Quarantined += rejected.Count;
            }

            if (done)
            {
                context.Progress?.Done(stream.Name);
                return;
            }

            // Graceful stop: each page committed on its own; the cursor stays, so the next sync reads these again.
            context.StopBetweenPages.ThrowIfCancellationRequested();
        }
    }
}
