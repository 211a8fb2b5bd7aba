using System.Collections.Concurrent;
using KpiSync.Storage;

namespace KpiSync.Sync;

/// <summary>
/// What a running sync has done so far and how much is left, from where each stream's keyset paging has got to on
/// its time axis: a stream that has read from its start position to 40 % of the way to "now" has done about 40 % of
/// its pages. Finished streams count their real pages; streams not started yet are assumed as big as the average of
/// the started ones. Read from another thread by the progress writer; counts are plain ints (a torn read is not possible).
/// </summary>
internal sealed class SyncProgress(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StreamState> _streams = new();
    private readonly long _started = time.GetTimestamp();
    private int _extraPages;
    private int _extraRecords;

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    /// <summary>The streams this sync will read, so the estimate covers those not started yet.</summary>
    public void Plan(IEnumerable<string> streams)
    {
        foreach (var s in streams)
        {
            _streams.TryAdd(s, new StreamState());
        }
    }

    /// <summary>Pages outside the incremental streams (account, users, pipelines).</summary>
    public void Other(int pages, int records)
    {
        Interlocked.Add(ref _extraPages, pages);
        Interlocked.Add(ref _extraRecords, records);
    }

    /// <summary>A page of an oldest-first stream: its records span [<paramref name="oldest"/>, <paramref name="newest"/>] on the
    /// axis the stream reads from <paramref name="from"/> (0 = the beginning) to <paramref name="end"/>.</summary>
    public void Page(string stream, int records, long from, long oldest, long newest, long end)
    {
        var s = _streams.GetOrAdd(stream, _ => new StreamState());
        lock (s)
        {
            s.Pages++;
            s.Records += records;
            s.Start ??= from > 0 ? from : Math.Min(oldest, newest);
            var span = end - s.Start.Value;
            s.Fraction = span <= 0 ? 1 : Math.Clamp((double)(newest - s.Start.Value) / span, 0, 1);
        }
    }

    /// <summary>A page of a stream read as one window by page number (its order is not its time axis): how far it has got is
    /// unknown until its last page, so it counts as one page short of done.</summary>
    public void PageOfWindow(string stream, int records)
    {
        var s = _streams.GetOrAdd(stream, _ => new StreamState());
        lock (s)
        {
            s.Pages++;
            s.Records += records;
            s.Fraction = (double)s.Pages / (s.Pages + 1);
        }
    }

    /// <summary>A page of a newest-first stream (accounts without API filtering): it reads back from <paramref name="end"/> to <paramref name="from"/>.</summary>
    public void PageNewestFirst(string stream, int records, long from, long oldest, long end)
    {
        var s = _streams.GetOrAdd(stream, _ => new StreamState());
        lock (s)
        {
            s.Pages++;
            s.Records += records;
            var span = end - from;
            s.Fraction = span <= 0 ? 1 : Math.Clamp((double)(end - oldest) / span, 0, 1);
        }
    }

    public void Done(string stream)
    {
        var s = _streams.GetOrAdd(stream, _ => new StreamState());
        lock (s)
        {
            s.Done = true;
        }
    }

    public SyncProgressSnapshot Snapshot(int retries)
    {
        var states = _streams.Values.ToList();
        int pages = _extraPages, records = _extraRecords;
        var estimates = new List<double>();
        var unknown = 0;
        foreach (var s in states)
        {
            lock (s)
            {
                pages += s.Pages;
                records += s.Records;
                if (s.Done)
                {
                    estimates.Add(s.Pages);
                }
                else if (s.Pages > 0 && s.Fraction >= 0.02)
                {
                    estimates.Add(Math.Max(s.Pages, s.Pages / s.Fraction));
                }
                else
                {
                    unknown++;
                }
            }
        }

        int? total = null;
        var started = estimates.Count;
        if (started > 0)
        {
            total = (int)Math.Ceiling(estimates.Sum() + (unknown * estimates.Average()) + _extraPages);
            total = Math.Max(total.Value, pages);
        }

        return new SyncProgressSnapshot(pages, records, total, retries);
    }

    private sealed class StreamState
    {
        public int Pages { get; set; }

        public int Records { get; set; }

        public long? Start { get; set; }

        public double Fraction { get; set; }

        public bool Done { get; set; }
    }
}
