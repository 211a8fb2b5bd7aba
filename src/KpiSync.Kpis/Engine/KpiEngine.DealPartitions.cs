using System.Runtime.ExceptionServices;
using KpiSync.Kpis.Facts;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    // More shares than threads: older deals sweep more months, so equal halves of a feed ordered by deal id are not
    // equal work, and a thread that finishes early takes the next share. A share costs an engine and a parts sink,
    // little next to a few dozen deals; an explanation's handful stays on one thread.
    private const int SharesPerThread = 4;
    private const int MinDealsPerShare = 16;

    /// <summary>The engine whose touches a deal partition reads (null: this engine's own).</summary>
    private KpiEngine? _touchSource;

    /// <summary>
    /// Replays <paramref name="deals"/> as <see cref="AddDeal"/> on each in turn would, on up to <paramref name="threads"/>
    /// threads (a year of deals took seconds on one core). The deals are cut into consecutive shares, each
    /// replayed into an engine of its own, and the shares are then added here in the deals' order: cells are sums, and
    /// adding them share by share leaves every list and every first-seen order as one thread would. Tracing a cell
    /// replays on this thread.
    /// </summary>
    public void AddDeals(IReadOnlyList<DealRecord> deals, int threads)
    {
        ArgumentNullException.ThrowIfNull(deals);
        AddDeals(deals, threads, threads < 2 ? 1 : Math.Min(threads * SharesPerThread, deals.Count / MinDealsPerShare));
    }

    /// <summary>Replays <paramref name="deals"/> in <paramref name="count"/> shares (tests cut a few deals into many).</summary>
    internal void AddDeals(IReadOnlyList<DealRecord> deals, int threads, int count)
    {
        ArgumentNullException.ThrowIfNull(deals);
        if (count < 2 || Tracing)
        {
            foreach (var deal in deals)
            {
                AddDeal(deal);
            }

            return;
        }

        if (_completed)
        {
            throw new InvalidOperationException("Deals are added before Complete().");
        }

        // Reading seals a log, and sealing is no thing to race over.
        _touchesByDeal.Seal();
        foreach (var log in _partitionTouches)
        {
            log.Seal();
        }

        // Made here, in order: each makes its parts sink, and the sinks are merged in the order they were made.
        var shares = Enumerable.Range(0, count).Select(_ => NewDealPartition()).ToArray();
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
            {
                var end = (int)((long)deals.Count * (i + 1) / count);
                for (var d = (int)((long)deals.Count * i / count); d < end; d++)
                {
                    shares[i].AddDeal(deals[d]);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        foreach (var share in shares)
        {
            AddDealsOf(share);
        }
    }

    private KpiEngine NewDealPartition() => new(Context)
    {
        CaptureParts = CaptureParts,
        PartsSinks = PartsSinks,
        _partsSink = PartsSinks?.Invoke(),
        _touchSource = _touchSource ?? this,
    };

    /// <summary>Adds what a deal partition's deals counted, as if they had been replayed here after the deals before them.</summary>
    private void AddDealsOf(KpiEngine share)
    {
        foreach (var (key, totals) in share._cells)
        {
            if (!_cells.TryAdd(key, totals))
            {
                _cells[key].Add(totals);
            }
        }

        _wins.AddRange(share._wins);
        _parts.AddRange(share._parts);
    }
}
