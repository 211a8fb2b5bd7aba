using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Sync;

/// <summary>
/// Reads one stream from its cursor to the end. Paging is keyset-style: after a full page the next read starts at
/// the page's newest position (page 1 again), so records that change while we read cannot shift past us; only when
/// a whole page shares one second does it step to the next page number. Each page is stored, quarantined and the
/// cursor advanced in one transaction, so a kill at any moment resumes from the last committed page.
/// </summary>
internal sealed class StreamRunner(NpgsqlDataSource dataSource, SyncCursorStore cursors, IOptions<SyncOptions> options, ILogger<StreamRunner> logger)
{
    public async Task RunAsync<T>(SyncStream<T> stream, AmoCrmClient client, SyncContext context, SyncRequest request, SyncCounts counts, CancellationToken ct)
    {
        var c = context.Connection.Id;
        var cursor = await cursors.GetAsync(c, stream.Name, ct);
        var from = request.From?.ToUnixTimeSeconds()
            ?? (request.Full || cursor is null ? 0 : Math.Max(0, cursor.Value - (long)options.Value.Overlap.TotalSeconds));
        var to = request.To?.ToUnixTimeSeconds();
        if (!context.ApiFilterEnabled && stream.FetchNewestFirstAsync(client, 1, ct) is { } first)
        {
            await RunNewestFirstAsync(stream, client, context, first, from, to, cursor, counts, ct);
            return;
        }

        var page = 1;
        while (true)
        {
            var result = await stream.FetchAsync(client, from, to, page, ct);
            if (result.Count == 0)
            {
                return;
            }

            var newest = result.Items.Count == 0 ? from : Math.Max(from, result.Items.Max(stream.PositionOf));
            await using (var conn = await dataSource.OpenConnectionAsync(ct))
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                var rejected = new List<RejectedRecord>(result.Rejected);
                counts.Changed += await stream.StoreAsync(conn, tx, context, result.Items, rejected, ct);
                await QuarantineStore.AddAsync(conn, tx, c, stream.Name, rejected, ct);
                var next = Math.Max(cursor ?? 0, newest);
                if (next != cursor)
                {
                    await SyncCursorStore.AdvanceAsync(conn, tx, c, stream.Name, cursor, next, ct);
                    cursor = next;
                }

                await tx.CommitAsync(ct);
                counts.Pages++;
                counts.Entities += result.Count;
                counts.Quarantined += rejected.Count;
            }

            if (!result.HasNext)
            {
                return;
            }

            (from, page) = newest > from ? (newest, 1) : (from, page + 1);
            logger.LogDebug("{Stream}: next read from {From} page {Page}", stream.Name, from, page);
        }
    }

    /// <summary>
    /// Without API filtering: pages newest first until a page reaches back past <paramref name="from"/>. Records
    /// changing mid-read move to the front, so nothing is skipped (some are seen twice, harmlessly). Each page
    /// commits on its own; the cursor moves only with the last page, since earlier pages do not cover older changes.
    /// </summary>
    private async Task RunNewestFirstAsync<T>(SyncStream<T> stream, AmoCrmClient client, SyncContext context, Task<CrmPage<T>> first,
        long from, long? to, long? cursor, SyncCounts counts, CancellationToken ct)
    {
        var newest = cursor ?? 0;
        var result = await first;
        for (var page = 1; ; result = (await stream.FetchNewestFirstAsync(client, ++page, ct)!))
        {
            var items = result.Items.Where(i => stream.PositionOf(i) >= from && (to is null || stream.PositionOf(i) < to)).ToList();
            newest = items.Count == 0 ? newest : Math.Max(newest, items.Max(stream.PositionOf));
            var done = !result.HasNext || result.Count == 0 || result.Items.Any(i => stream.PositionOf(i) < from);
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
                return;
            }
        }
    }
}
