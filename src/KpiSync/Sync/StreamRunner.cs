using System.Threading.Channels;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Sync;

/// <summary>
/// Reads one stream from its cursor to the end. Paging is keyset-style where the CRM sorts by the cursor's field: after a full page the next read starts at
/// the page's newest position (page 1 again), so records that change while we read cannot shift past us; only when
/// a whole page shares one second does it step to the next page number. Pages are read ahead while earlier ones
/// are stored. Pages are collected and stored, quarantined and the cursor advanced in one transaction per batch
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

        // The reader runs ahead of the store by up to PagesAhead pages, so a commit never holds up the next request:
        // with the rate limit on, a late request is a slot lost for good.
        var pages = Channel.CreateBounded<(CrmPage<T> Page, long Newest)>(new BoundedChannelOptions(PagesAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = ReadPagesAsync(stream, client, context, from, to, start, end, pages.Writer, stopReading.Token);
        try
        {
            await using var batch = new Batch<T>(dataSource, options.Value, time, c, stream.Name, cursor);
            await foreach (var (page, newest) in pages.Reader.ReadAllAsync(ct))
            {
                batch.Add(page, newest);
                counts.Pages += page.Count > 0 ? 1 : 0; // a window's end marker is no page
                // With no page waiting and none coming at once the reader is behind (the rate limit) and the store
                // would idle until the next page: the pages in hand are committed now, so what is stored trails the CRM
                // by a request, not by Sync:CommitEvery. A reader only a moment behind (no limit, the store briefly
                // faster) still fills its batch: each commit's fixed costs are paid by a full batch, not by a page.
                if (batch.Due || context.StopBetweenPages.IsCancellationRequested
                    || (pages.Reader.Count == 0 && !await NextPageSoonAsync(pages.Reader, context.StopBetweenPages, ct)))
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
            // A store failed or a stop came while pages were in flight: end the reading and observe it, so nothing is left running.
            await stopReading.CancelAsync();
            await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private const int PagesAhead = 16;

    /// <summary>How long the store waits for the next page before it commits a batch that is not yet due: well above
    /// the gap between pages of an unpaced reader, well below the gap between paced requests.</summary>
    private static readonly TimeSpan NextPageWait = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether a page is waiting within <see cref="NextPageWait"/>; false when none came, the reading ended, or a
    /// graceful stop was asked for.</summary>
    private async Task<bool> NextPageSoonAsync<TPage>(ChannelReader<TPage> pages, CancellationToken stop, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(NextPageWait, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop, ct);
        try
        {
            return await pages.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Reads pages in keyset order (or as one window, <see cref="ReadWindowAsync"/>) into <paramref name="pages"/>; completes
    /// it at the end, or with the failure.</summary>
    private async Task ReadPagesAsync<T>(SyncStream<T> stream, AmoCrmClient client, SyncContext context, long from, long? to, long start, long end,
        ChannelWriter<(CrmPage<T> Page, long Newest)> pages, CancellationToken ct)
    {
        try
        {
            if (!stream.SortsByPosition)
            {
                await ReadWindowAsync(stream, client, context, from, to, pages, ct);
                pages.Complete();
                return;
            }

            for (var page = 1; ;)
            {
                var result = await stream.FetchAsync(client, from, to, page, ct);
                if (result.Count == 0)
                {
                    break;
                }

                var newest = result.Items.Count == 0 ? from : Math.Max(from, result.Items.Max(stream.PositionOf));
                context.Progress?.Page(stream.Name, result.Count, start, result.Items.Count == 0 ? from : result.Items.Min(stream.PositionOf), newest, end);
                await pages.WriteAsync((result, newest), ct);
                if (!result.HasNext)
                {
                    break;
                }

                (from, page) = newest > from ? (newest, 1) : (from, page + 1);
                logger.LogDebug("{Stream}: next read from {From} page {Page}", stream.Name, from, page);
            }

            pages.Complete();
        }
        catch (Exception e)
        {
            pages.Complete(e);
        }
    }
}
