using KpiSync.Kpis.Calendars;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    private readonly GroupedLog<long, DealTouch> _touchesByDeal = new();
    private List<string>? _touchKeys;
    private readonly GroupedItems<ActivityInterval> _intervals = new();
    private EmployeeDayIndex? _dayIndex;
    private const long QuarterHour = TimeSpan.TicksPerMinute * 15;
    private TimeSpan[]? _offsets;
    private long _firstBucket;

    /// <summary>Counts an activity for whoever did it and keeps it as a touch of its deal.</summary>
    public void AddActivity(in ActivityFact a)
    {
        if (a.DealId is { } deal && a.IsTouch)
        {
            _touchesByDeal.Add(deal, new DealTouch(a.EmployeeId, a.At.UtcTicks, Tracing && a.SourceKey is { } key ? KeepTouchKey(key) : -1));
        }

        var p = Context.Grid.IndexOf(a.At);
        if (p < 0)
        {
            return;
        }

        var t = Cell(a.EmployeeId, p);
        DateOnly? local = null;
        var dayId = -1;
        if (CaptureParts)
        {
            local = LocalDate(a.At);
            dayId = DayIndex.IdOf(a.EmployeeId, local.Value);
            CountDay(a, dayId);
        }

        if (a.IsCall)
        {
            t.CallsAttempted++;
            t.Touches++;
            if (a.IsAnsweredCall)
            {
                _ = a.Kind == ActivityKind.CallOut ? t.CallsOut++ : t.CallsIn++;
                t.CallSeconds += a.DurationSeconds;
            }

            if (Tracing)
            {
                Trace(a.EmployeeId, p, a.IsAnsweredCall ? IndicatorKeys.Calls : IndicatorKeys.CallsAttempted, a.SourceKey, a.DealId,
                    $"{(a.Kind == ActivityKind.CallOut ? "outgoing" : "incoming")} call at {a.At:u}, {a.DurationSeconds} s, status {a.Outcome?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            }

            AddInterval(a.EmployeeId, a.At, a.At.AddSeconds(a.DurationSeconds), local, dayId);
        }
        else if (a.IsCompleted)
        {
            t.Touches++;
            _ = a.Kind == ActivityKind.Meeting ? t.Meetings++ : t.TasksDone++;
            if (Tracing)
            {
                Trace(a.EmployeeId, p, a.Kind == ActivityKind.Meeting ? IndicatorKeys.Meetings : IndicatorKeys.Touches, a.SourceKey, a.DealId,
                    $"completed {(a.Kind == ActivityKind.Meeting ? "meeting" : "task")} at {a.At:u}");
            }

            var length = a.Kind == ActivityKind.Meeting && a.DurationSeconds > 0 ? TimeSpan.FromSeconds(a.DurationSeconds) : Context.TouchLength;
            AddInterval(a.EmployeeId, a.At, a.At + length, local, dayId);
        }
    }

    /// <summary>Files an interval under each local day it touches (a call across midnight counts on both days).</summary>
    private void AddInterval(long employee, DateTimeOffset start, DateTimeOffset end, DateOnly? startDay, int startDayId)
    {
        if (end <= start)
        {
            return;
        }

        var first = startDay ?? LocalDate(start);
        var last = LocalDate(end.AddTicks(-1));
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            _intervals.Add(day == first && startDayId >= 0 ? startDayId : DayIndex.IdOf(employee, day), new ActivityInterval(start, end));
        }
    }

    /// <summary>The employee-days of the grid's span, two days either side (activities there still cover its edges).</summary>
    private EmployeeDayIndex DayIndex => _dayIndex ??= NewDayIndex();

    private EmployeeDayIndex NewDayIndex()
    {
        var first = LocalDate(Context.Grid.Start(0)).AddDays(-2);
        var last = LocalDate(Context.Grid.End(Context.Grid.Count - 1)).AddDays(2);
        return new EmployeeDayIndex(first, last.DayNumber - first.DayNumber + 1);
    }

    /// <summary>
    /// The local date of an instant. Zones change offset on UTC quarter-hours, so the offsets of the grid's span (and
    /// two days around it) are computed once per quarter-hour into an array; anything else is asked of the zone.
    /// </summary>
    private DateOnly LocalDate(DateTimeOffset at)
    {
        _offsets ??= Offsets();
        var bucket = at.UtcTicks / QuarterHour - _firstBucket;
        var offset = (ulong)bucket < (ulong)_offsets.Length ? _offsets[bucket] : Context.Zone.GetUtcOffset(at);
        return DateOnly.FromDateTime(at.UtcDateTime + offset);
    }

    private TimeSpan[] Offsets()
    {
        var grid = Context.Grid;
        _firstBucket = grid.Start(0).AddDays(-2).UtcTicks / QuarterHour;
        var last = grid.End(grid.Count - 1).AddDays(2).UtcTicks / QuarterHour;
        var offsets = new TimeSpan[last - _firstBucket + 1];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = Context.Zone.GetUtcOffset(new DateTimeOffset((_firstBucket + i) * QuarterHour, TimeSpan.Zero));
        }

        return offsets;
    }

    private int KeepTouchKey(string key)
    {
        (_touchKeys ??= []).Add(key);
        return _touchKeys.Count - 1;
    }

    /// <summary>The source key of a touch kept while tracing (null otherwise: only an explanation shows it).</summary>
    private string? KeyOf(in DealTouch touch) => touch.Key >= 0 ? _touchKeys![touch.Key] : null;

    /// <summary>
    /// A touch of a deal, free of references: millions of them are filed, and an array of structs holding a string (the
    /// source key, needed only to explain a value) is one the garbage collector must scan on every pass. The key is an
    /// index into the engine's kept keys while tracing, else −1.
    /// </summary>
    private readonly record struct DealTouch(long EmployeeId, long AtTicks, int Key)
    {
        public DateTimeOffset At => new(AtTicks, TimeSpan.Zero);
    }
}
