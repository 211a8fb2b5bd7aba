namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    private readonly List<GroupedLog<long, DealTouch>> _partitionTouches = [];
    private DealTouch[] _touchBuffer = [];
    private bool _hasPartitions;

    /// <summary>
    /// An engine with this one's context that takes a share of the activities — all of some employees' — on a thread of
    /// its own (a year of activities is too much for one core). Feed it activities only, then hand it to
    /// <see cref="AddActivitiesOf"/> before the first deal.
    /// </summary>
    public KpiEngine NewActivityPartition() => new(Context) { CaptureParts = CaptureParts };

    /// <summary>
    /// Takes in what a partition's activities counted, as if they had been fed here: cells and days are the partition's
    /// employees' alone, so they are moved over; its touches stay in its log and are read deal by deal. No employee may
    /// have activities in two partitions, or here as well.
    /// </summary>
    public void AddActivitiesOf(KpiEngine partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (!ReferenceEquals(partition.Context, Context) || partition.CaptureParts != CaptureParts || partition._hasPartitions
            || partition._completed || partition._dealsAdded || partition._parts.Count + partition._wins.Count > 0)
        {
            throw new ArgumentException("Not a partition of this engine fed with activities only.", nameof(partition));
        }

        if (_completed || _daysCovered || _touchesByDeal.IsSealed || Tracing)
        {
            throw new InvalidOperationException("Partitions are taken in before any deal, and not while tracing a cell.");
        }

        // Covers the partition's days unless its own thread did already (the caller should: it is most of the work).
        foreach (var (key, day) in partition.ActivityDays())
        {
            if (!(_days ??= []).TryAdd(key, day))
            {
                throw new ArgumentException($"Employee {key.Employee} has activities in two partitions.", nameof(partition));
            }
        }

        foreach (var (key, totals) in partition._cells)
        {
            if (!_cells.TryAdd(key, totals))
            {
                _cells[key].Add(totals);
            }
        }

        _partitionTouches.Add(partition._touchesByDeal);
        _hasPartitions = true;
    }

    /// <summary>
    /// Groups a partition's touches by deal once its activities are in, on its own thread: the deals read them later, and
    /// grouping millions of touches on the one thread that starts the deals took 0.2 s.
    /// </summary>
    internal void SealTouches() => _touchesByDeal.Seal();

    /// <summary>
    /// The touches on a deal, from this engine's own activities and from every partition's (a deal partition's: from
    /// those of the engine that made it, gathered in the same order, so that sorting them gives the same order too).
    /// </summary>
    private Span<DealTouch> TouchesOf(long deal)
    {
        var source = _touchSource ?? this;
        var own = source._touchesByDeal.Get(deal);
        if (source._partitionTouches.Count == 0)
        {
            return own;
        }

        var count = own.Length;
        foreach (var log in source._partitionTouches)
        {
            count += log.Get(deal).Length;
        }

        if (_touchBuffer.Length < count)
        {
            _touchBuffer = new DealTouch[Math.Max(count, _touchBuffer.Length * 2)];
        }

        own.CopyTo(_touchBuffer);
        var at = own.Length;
        foreach (var log in source._partitionTouches)
        {
            var theirs = log.Get(deal);
            theirs.CopyTo(_touchBuffer.AsSpan(at));
            at += theirs.Length;
        }

        return _touchBuffer.AsSpan(0, count);
    }
}
