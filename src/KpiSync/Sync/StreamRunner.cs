using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Sync;

/// <summary>
/// Reads one stream from its cursor to the end. Paging is keyset-style: after a full page the next read starts at
/// the page's newest position (page 1 again), so records that change while we read cannot shift past us; only when
/// a whole page shares one second does it step to the next page number. The next page is fetched while the current
/// one is stored. Pages are collected and stored, quarantined and the cursor advanced in one transaction per batch
/// (Sync:CommitRecords / Sync:CommitEvery), so a kill at any moment resumes from the last committed batch.
/// </summary>
internal sealed partial class StreamRunner(NpgsqlDataSource dataSource, SyncCursorStore cursors, IOptions<SyncOptions> options,
    TimeProvider time, ILogger<StreamRunner> logger)
{
    public async Task RunAsync<T>(SyncStream<T> stream, AmoCrmClient client, SyncContext context, SyncRequest request, SyncCounts counts, CancellationToken ct)
    {
        var c = context.Connection.Id;
        var cursor = await cursors.GetAsync(c, stream.Name, ct);
        var from = request.From?.ToUnixTimeSeconds()
            ?? (request.Full || cursor is null ? 0 : Math.Max(0, cursor.Value - (long)options.Value.Overlap.TotalSeconds));
        var to = request.To?.ToUnixTimeSeconds();
        var (start, end) = (from, to ?? context.Now.ToUnixTimeSeconds());
        if (!context.ApiFilterEnabled && stream.DependsOnApiFilter)
        {
            await RunNewestFirstAsync(stream, client, context, from, to, cursor, counts, ct);
            return;
        }

        var page = 1;
        Task<CrmPage<T>>? fetch = stream.FetchAsync(client, from, to, page, ct);
        await using var batch = new Batch<T>(dataSource, options.Value, time, c, stream.Name, cursor);
        try
        {
            while (fetch is not null)
            {
                var result = await fetch;
                fetch = null;
                if (result.Count == 0)
                {
                    break;
                }

                var newest = result.Items.Count == 0 ? from : Math.Max(from, result.Items.Max(stream.PositionOf));
                context.Progress?.Page(stream.Name, result.Count, start, result.Items.Count == 0 ? from : result.Items.Min(stream.PositionOf), newest, end);
                if (result.HasNext)
                {
                    (from, page) = newest > from ? (newest, 1) : (from, page + 1);
                    logger.LogDebug("{Stream}: next read from {From} page {Page}", stream.Name, from, page);
                    fetch = stream.FetchAsync(client, from, to, page, ct); // overlaps the store below
                }

                batch.Add(result, newest);
                counts.Pages++;
                if (batch.Due || fetch is null || context.StopBetweenPages.IsCancellationRequested)
                {
                    await batch.CommitAsync(stream, context, counts, ct);
                }

                // Graceful stop: the pages in hand are committed with their cursor; the next sync goes on from there.
                context.StopBetweenPages.ThrowIfCancellationRequested();
            }

            await batch.CommitAsync(stream, context, counts, ct);
            context.Progress?.Done(stream.Name);
        }
        finally
        {
            if (fetch is not null)
            {
                // A store failed while the next page was in flight: let it finish so its failure is observed, not lost.
                await fetch.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }
}
