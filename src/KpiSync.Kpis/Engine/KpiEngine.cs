using System.Runtime.InteropServices;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

/// <summary>
/// Turns facts into per employee × period totals. Feed every activity first (<see cref="AddActivity"/>: touches on
/// deals are needed by the deals), then every deal (<see cref="AddDeal"/>), then call <see cref="Complete"/> once.
/// Pure and deterministic: the same facts and context give the same totals in any feeding order of deals.
/// One pass over the facts, with per-deal state machines in memory — the engine never re-reads a fact.
/// </summary>
public sealed partial class KpiEngine(KpiEngineContext context)
{
    private readonly Dictionary<CellKey, EmployeePeriodTotals> _cells = [];
    private (CellKey Cell, List<TraceRecord> Records)? _trace;
    private bool _completed;

    public KpiEngineContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Collects the records behind one cell's values while the engine runs (for explanations).</summary>
    public IReadOnlyList<TraceRecord> TraceCell(CellKey cell)
    {
        var records = new List<TraceRecord>();
        _trace = (cell, records);
        return records;
    }

    /// <summary>Finishes idle time and client history; returns every cell that has anything to say.</summary>
    public IReadOnlyDictionary<CellKey, EmployeePeriodTotals> Complete()
    {
        if (_completed)
        {
            throw new InvalidOperationException("Complete() was already called.");
        }

        _completed = true;
        foreach (var (employee, since) in Context.ActiveEmployeesSince)
        {
            var first = Math.Max(0, Context.Grid.IndexOf(since));
            if (since >= Context.Grid.End(Context.Grid.Count - 1))
            {
                continue;
            }

            for (var p = first; p < Context.Grid.Count; p++)
            {
                Cell(employee, p);
            }
        }

        CompleteClients();
        // Partitions brought their days covered already; idle time then reads every employee's from the days.
        if (CaptureParts || _hasPartitions)
        {
            _ = ActivityDays();
        }

        CompleteIdle();
        return _cells;
    }

    private EmployeePeriodTotals Cell(long employee, int period)
    {
        ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(_dealCells ?? _cells, new CellKey(employee, period), out _);
        return totals ??= _dealCells is not null && _spareTotals.TryPop(out var spare) ? spare : new EmployeePeriodTotals();
    }

    private void Trace(long employee, int period, string indicator, string? sourceKey, long? dealId, string note)
    {
        if (_trace is { } t && t.Cell.EmployeeId == employee && t.Cell.Period == period)
        {
            t.Records.Add(new TraceRecord(indicator, sourceKey ?? (dealId is { } d ? "lead:" + d : "?"), dealId, note));
        }
    }

    private bool Tracing => _trace is not null;
}
