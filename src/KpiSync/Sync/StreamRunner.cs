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
}
