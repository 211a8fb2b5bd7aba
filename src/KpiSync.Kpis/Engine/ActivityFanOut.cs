using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using KpiSync.Kpis.Facts;

namespace KpiSync.Kpis.Engine;

/// <summary>
/// Hands one stream of activities to engine partitions (<see cref="KpiEngine.NewActivityPartition"/>) by employee, each
/// partition fed on a thread of its own, in batches (one reader of one scan feeds every core; a scan per
/// partition cost PostgreSQL a second of CPU). Each thread also covers its partition's days and groups its touches by
/// deal when the stream ends.
/// Feed it from one thread, then call <see cref="Complete"/>; disposing it unfinished stops the threads.
/// </summary>
public sealed class ActivityFanOut : IDisposable
{
    // 1 024 activities (64 KB) per hand-over: far below the large-object heap, and a wake-up per thousand rows is nothing.
    private const int BatchSize = 1024;
    private const int BatchesQueued = 8;

    private readonly IReadOnlyList<KpiEngine> _partitions;
    private readonly BlockingCollection<Batch>[] _queues;
    private readonly Batch[] _filling;
    private readonly ConcurrentBag<ActivityFact[]> _spare = [];
    private readonly CancellationTokenSource _failed = new();
    private readonly Task[] _threads;

    public ActivityFanOut(IReadOnlyList<KpiEngine> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Count == 0)
        {
            throw new ArgumentException("At least one partition is needed.", nameof(partitions));
        }

        _partitions = partitions;
        _queues = [.. partitions.Select(_ => new BlockingCollection<Batch>(BatchesQueued))];
        _filling = [.. partitions.Select(_ => new Batch(new ActivityFact[BatchSize], 0))];
        _threads = [.. partitions.Select((_, i) => Task.Factory.StartNew(() => Consume(i), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
    }

    /// <summary>Files the activity for its employee's partition; blocks while that partition is <see cref="BatchesQueued"/> batches behind.</summary>
    public void Add(in ActivityFact a)
    {
        var p = PartitionOf(a.EmployeeId, _partitions.Count);
        ref var batch = ref _filling[p];
        batch.Items[batch.Count++] = a;
        if (batch.Count == BatchSize)
        {
            Hand(p);
        }
    }

    /// <summary>Hands the last batches over and waits until every partition has taken them in and covered its days.</summary>
    public void Complete()
    {
        for (var p = 0; p < _partitions.Count; p++)
        {
            if (_filling[p].Count > 0)
            {
                Hand(p);
            }

            _queues[p].CompleteAdding();
        }

        Wait();
    }

    public void Dispose()
    {
        foreach (var queue in _queues)
        {
            if (!queue.IsAddingCompleted)
            {
                queue.CompleteAdding();
            }
        }

        _failed.Cancel();
        try
        {
            Task.WaitAll(_threads);
        }
        catch (AggregateException)
        {
            // Stopped or failed: what failed was reported by Complete, or the reader's own exception is on its way out.
        }

        foreach (var queue in _queues)
        {
            queue.Dispose();
        }

        _failed.Dispose();
    }

    /// <summary>A spread of employee ids over partitions: CRM user ids need not be spread evenly over any modulus.</summary>
    internal static int PartitionOf(long employee, int partitions) => (int)(((ulong)employee * 0x9E3779B97F4A7C15UL >> 33) % (ulong)partitions);

    private void Hand(int p)
    {
        try
        {
            _queues[p].Add(_filling[p], _failed.Token);
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
            Wait();   // a partition's thread failed: its exception, not the cancellation, is what the reader should see
            throw;
        }

        _filling[p] = new Batch(_spare.TryTake(out var items) ? items : new ActivityFact[BatchSize], 0);
    }

    private void Consume(int p)
    {
        try
        {
            var engine = _partitions[p];
            foreach (var batch in _queues[p].GetConsumingEnumerable(_failed.Token))
            {
                foreach (ref readonly var a in batch.Items.AsSpan(0, batch.Count))
                {
                    engine.AddActivity(a);
                }

                _spare.Add(batch.Items);
            }

            _ = engine.ActivityDays();   // idle time per day, still on this partition's thread
            engine.SealTouches();
        }
        catch (Exception) when (!_failed.IsCancellationRequested)
        {
            _failed.Cancel();
            throw;
        }
    }

    private void Wait()
    {
        try
        {
            Task.WaitAll(_threads);
        }
        catch (AggregateException e)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Throw(first);
        }
    }

    private record struct Batch(ActivityFact[] Items, int Count);
}
