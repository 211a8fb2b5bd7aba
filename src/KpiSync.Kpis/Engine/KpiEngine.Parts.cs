using System.Runtime.InteropServices;
using KpiSync.Kpis.Calendars;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    private readonly List<DealParts> _parts = [];
    private Dictionary<CellKey, EmployeePeriodTotals>? _dealCells;

    // With a sink, a deal's parts live only until the sink returns: their dictionary and totals serve the next deal.
    private readonly Dictionary<CellKey, EmployeePeriodTotals> _reusedDealCells = [];
    private readonly Stack<EmployeePeriodTotals> _spareTotals = new();
    private Dictionary<(long Employee, DateOnly Day), ActivityDay>? _days;

    // Each employee-day's counts by its number in _dayIndex while activities stream in, in place (an object per day
    // cost a second cache miss per activity); _days is filled from them once.
    private DayTally[] _dayCounts = [];
    private bool _daysCovered;

    /// <summary>
    /// Keeps, besides the cells, what each deal contributed to them (<see cref="DealParts"/>), each employee-day's
    /// activities (<see cref="ActivityDays"/>) and the client wins: what an incremental recompute stores, so it can later
    /// redo one deal or one day alone and add the stored rest.
    /// </summary>
    public bool CaptureParts { get; init; }

    /// <summary>
    /// Makes the sinks each deal's parts go to as soon as the deal is replayed (a full recompute digests them there and
    /// keeps only those that changed); when null they are kept in <see cref="DealParts"/>. A year of deals kept whole
    /// until the end made the garbage collector trace a million live objects. One sink is made per thread that replays
    /// deals, in the deals' order: this engine's own (on its first <see cref="AddDeal"/>), then one per share of
    /// <see cref="AddDeals(IReadOnlyList{DealRecord}, int)"/>; each is called from one thread at a time. A sink must not
    /// keep the <see cref="DealParts"/> it is given: its cells are reused for the next deal.
    /// </summary>
    public Func<Action<DealParts>>? PartsSinks { get; init; }

    private Action<DealParts>? _partsSink;

    private Action<DealParts>? PartsSink => PartsSinks is null ? null : _partsSink ??= PartsSinks();

    public IReadOnlyList<DealParts> DealParts => _parts;

    public IReadOnlyList<ClientWin> ClientWins => _wins;

    /// <summary>Per employee and local day: the activities made that day and the working time covered (captured runs only).</summary>
    public IReadOnlyDictionary<(long Employee, DateOnly Day), ActivityDay> ActivityDays()
    {
        _days ??= [];
        if (_daysCovered)
        {
            return _days;
        }

        _daysCovered = true;
        for (var id = 0; id < (_dayIndex?.Count ?? 0); id++)
        {
            var key = _dayIndex!.KeyOf(id);
            if (id < _dayCounts.Length && _dayCounts[id].Activities > 0 && !_days.TryAdd(key, _dayCounts[id].ToDay()))
            {
                throw new InvalidOperationException($"Employee {key.Employee} has activities here and in a partition.");
            }

            var calendar = Context.CalendarOf(key.Employee);
            var span = _intervals.Get(id);
            if (span.IsEmpty || !calendar.IsWorkingDay(key.Day))
            {
                continue;
            }

            span.Sort(static (x, y) => x.Start.CompareTo(y.Start));
            DayOf(key).CoveredSeconds = IdleTime.CoveredSeconds(calendar, Context.Zone, key.Day, span);
        }

        return _days;
    }

    private void CountDay(in ActivityFact a, int dayId)
    {
        if (dayId >= _dayCounts.Length)
        {
            Array.Resize(ref _dayCounts, Math.Max(dayId + 1, Math.Max(1024, _dayCounts.Length * 2)));
        }

        ref var day = ref _dayCounts[dayId];
        day.Activities++;
        if (a.IsCall)
        {
            day.CallsAttempted++;
            day.Touches++;
            if (a.IsAnsweredCall)
            {
                _ = a.Kind == ActivityKind.CallOut ? day.CallsOut++ : day.CallsIn++;
                day.CallSeconds += a.DurationSeconds;
            }
        }
        else if (a.IsCompleted)
        {
            day.Touches++;
            _ = a.Kind == ActivityKind.Meeting ? day.Meetings++ : day.TasksDone++;
        }
    }

    private ActivityDay DayOf((long, DateOnly) key)
    {
        ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(_days ??= [], key, out _);
        return day ??= new ActivityDay();
    }

    /// <summary>Adds a deal's part to the cells and keeps it apart too; the cells get copies, the part stays the deal's own.</summary>
    private void KeepPart(long dealId, Dictionary<CellKey, EmployeePeriodTotals> parts, DealTail tail)
    {
        foreach (var (key, part) in parts)
        {
            ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_cells, key, out _);
            (cell ??= new EmployeePeriodTotals()).Add(part);
        }

        if (PartsSink is { } sink)
        {
            sink(new DealParts(dealId, parts) { Tail = tail });
            foreach (var part in parts.Values)
            {
                part.Clear();
                _spareTotals.Push(part);
            }

            parts.Clear();
        }
        else
        {
            _parts.Add(new DealParts(dealId, parts) { Tail = tail });
        }
    }

    private struct DayTally
    {
        public int Activities;
        public long CallsOut, CallsIn, CallSeconds, CallsAttempted, Meetings, TasksDone, Touches;

        public readonly ActivityDay ToDay() => new()
        {
            Activities = Activities, CallsOut = CallsOut, CallsIn = CallsIn, CallSeconds = CallSeconds, CallsAttempted = CallsAttempted,
            Meetings = Meetings, TasksDone = TasksDone, Touches = Touches,
        };
    }
}
