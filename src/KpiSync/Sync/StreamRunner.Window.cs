using System.Threading.Channels;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;

namespace KpiSync.Sync;

internal sealed partial class StreamRunner
{
    /// <summary>How many times a window is read through before its reading is accepted although records changed under it.</summary>
    private const int WindowReads = 3;

    /// <summary>
    /// Reads a stream the CRM cannot sort by its cursor's field: every record changed from <paramref name="from"/> (up to
    /// <paramref name="to"/> for a ranged resync), page by page in the list's own order (by id), which covers the range
    /// whatever that order. Open-ended, the range only grows while it is read: a record that changes stays in it, in its
    /// place, and new ones come last. The cursor then moves to the newest change seen, but never past the moment the
    /// reading began, so what changed behind the pages already read is read by the next sync.
    /// <para>
    /// A closed range can shrink: a record that changes after its page was read leaves it, and those behind it shift one
    /// place towards the front, so the first of the next page could be passed over. So, once through, the records changed
    /// since the reading began are asked for; if one of them had been read in this range at an older version, the range is
    /// read again.
    /// </para>
    /// Pages are stored as they come (writes are idempotent); the cursor moves only with the end marker after the last
    /// reading, so a kill or a stop mid-window reads the window again from its start.
    /// </summary>
    private async Task ReadWindowAsync<T>(SyncStream<T> stream, AmoCrmClient client, SyncContext context, long from, long? to,
        ChannelWriter<(CrmPage<T> Page, long Newest)> pages, CancellationToken ct)
    {
        var newest = 0L;
        var started = time.GetUtcNow().ToUnixTimeSeconds();
        for (var reading = 1; ; reading++)
        {
            var since = time.GetUtcNow().Add(-options.Value.Overlap).ToUnixTimeSeconds(); // the CRM's clock may lag ours
            var seen = new Dictionary<string, long>();
            for (var page = 1; ; page++)
            {
                var result = await stream.FetchAsync(client, from, to, page, ct);
                if (result.Count == 0)
                {
                    break;
                }

                foreach (var item in result.Items)
                {
                    newest = Math.Max(newest, stream.PositionOf(item));
                    if (to is not null)
                    {
                        seen[stream.KeyOf(item)] = stream.PositionOf(item);
                    }
                }

                context.Progress?.PageOfWindow(stream.Name, result.Count);
                await pages.WriteAsync((result, 0), ct);
                if (!result.HasNext)
                {
                    break;
                }
            }

            var changed = to is null ? 0 : await ChangedAfterReadAsync(stream, client, since, seen, ct);
            if (changed == 0)
            {
                break;
            }

            if (reading == WindowReads)
            {
                logger.LogWarning("{Stream}: {Changed} records changed while the window was read, {Reads} times in a row; one may have "
                    + "shifted past a page boundary until it next changes", stream.Name, changed, reading);
                break;
            }

            logger.LogInformation("{Stream}: {Changed} records changed while the window was read; reading it again", stream.Name, changed);
        }

        // The end marker: no records, the cursor's new place, so the batch moves the cursor with its last commit.
        await pages.WriteAsync((new CrmPage<T>([], [], false), Math.Min(newest, to ?? started)), ct);
    }

    /// <summary>How many records read in this window at an older version have changed since <paramref name="since"/>.</summary>
    private static async Task<int> ChangedAfterReadAsync<T>(SyncStream<T> stream, AmoCrmClient client, long since,
        Dictionary<string, long> seen, CancellationToken ct)
    {
        var changed = 0;
        for (var page = 1; ; page++)
        {
            var result = await stream.FetchAsync(client, since, null, page, ct);
            changed += result.Items.Count(i => seen.TryGetValue(stream.KeyOf(i), out var read) && stream.PositionOf(i) > read);
            if (!result.HasNext || result.Count == 0)
            {
                return changed;
            }
        }
    }
}
