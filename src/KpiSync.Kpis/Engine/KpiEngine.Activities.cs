using KpiSync.Kpis.Calendars;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    private readonly Dictionary<long, List<DealTouch>> _touchesByDeal = [];
    private readonly Dictionary<(long Employee, DateOnly Day), List<ActivityInterval>> _intervals = [];
    private const long QuarterHour = TimeSpan.TicksPerMinute * 15;
    private readonly Dictionary<long, TimeSpan> _offsetByQuarterHour = [];

    /// <summary>Counts an activity for whoever did it and keeps it as a touch of its deal.</summary>
    public void AddActivity(in ActivityFact a)
    {
        if (a.DealId is { } deal && a.IsTouch)
        {
            if (!_touchesByDeal.TryGetValue(deal, out var list))
            {
                list = [];
                _touchesByDeal[deal] = list;
            }

            list.Add(new DealTouch(a.EmployeeId, a.At, a.SourceKey));
        }

        var p = Context.Grid.IndexOf(a.At);
        if (p < 0)
        {
            return;
        }

        var t = Cell(a.EmployeeId, p);
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

            AddInterval(a.EmployeeId, a.At, a.At.AddSeconds(a.DurationSeconds));
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
            AddInterval(a.EmployeeId, a.At, a.At + length);
        }
    }

    /// <summary>Files an interval under each local day it touches (a call across midnight counts on both days).</summary>
    private void AddInterval(long employee, DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            return;
        }

        var first = LocalDate(start);
        var last = LocalDate(end.AddTicks(-1));
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!_intervals.TryGetValue((employee, day), out var list))
            {
                list = [];
                _intervals[(employee, day)] = list;
            }

            list.Add(new ActivityInterval(start, end));
        }
    }

    /// <summary>The local date of an instant; offsets are cached per UTC quarter-hour (zones change offset on those), so millions of facts convert cheaply.</summary>
    private DateOnly LocalDate(DateTimeOffset at)
    {
        var bucket = at.UtcTicks / QuarterHour;
        if (!_offsetByQuarterHour.TryGetValue(bucket, out var offset))
        {
            offset = Context.Zone.GetUtcOffset(new DateTimeOffset(bucket * QuarterHour, TimeSpan.Zero));
            _offsetByQuarterHour[bucket] = offset;
        }

        return DateOnly.FromDateTime(at.UtcDateTime + offset);
    }

    private readonly record struct DealTouch(long EmployeeId, DateTimeOffset At, string? SourceKey);
}
