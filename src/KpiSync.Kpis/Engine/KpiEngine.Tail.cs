using KpiSync.Kpis.Facts;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    /// <summary>
    /// The deal's <see cref="DealTail"/> for the grid's last (running) month: the first touch that answered the
    /// assignment in force at the month's start, when it came before the month (<see cref="AddResponses"/> counts that
    /// response in an earlier month, so no touch of the running month can answer that assignment any more), and the
    /// touches from the month's start on (<paramref name="touches"/> are in time order).
    /// </summary>
    private DealTail TailOf(DealRecord deal, DealHistory h, ReadOnlySpan<DealTouch> touches)
    {
        var monthStart = Context.Grid.Start(Context.Grid.Count - 1);
        long? employee = null;
        var from = DateTimeOffset.MinValue;
        if (deal.CreatedAt < monthStart && h.ResponsibleAt(deal.CreatedAt) is { } creator)
        {
            (employee, from) = (creator, deal.CreatedAt);
        }

        foreach (var (at, to) in h.Changes)
        {
            if (at >= deal.CreatedAt && at < monthStart)
            {
                (employee, from) = (to, at);
            }
        }

        var running = RunningTouches(touches, monthStart.UtcTicks);
        foreach (var touch in touches)
        {
            if (touch.EmployeeId == employee && touch.At >= from)
            {
                return touch.At < monthStart ? new DealTail(deal, employee, touch.At) { Touches = running } : new DealTail(deal, null, null) { Touches = running };
            }
        }

        return new DealTail(deal, null, null) { Touches = running };
    }

    /// <summary>The touches from <paramref name="startTicks"/> on, by time then employee (the sort that ordered them is not stable).</summary>
    private static TailTouch[] RunningTouches(ReadOnlySpan<DealTouch> touches, long startTicks)
    {
        var first = touches.Length;
        while (first > 0 && touches[first - 1].AtTicks >= startTicks)
        {
            first--;
        }

        if (first == touches.Length)
        {
            return [];
        }

        var running = new TailTouch[touches.Length - first];
        for (var i = first; i < touches.Length; i++)
        {
            running[i - first] = new TailTouch(touches[i].EmployeeId, touches[i].At);
        }

        Array.Sort(running, static (x, y) => x.At.UtcTicks != y.At.UtcTicks ? x.At.UtcTicks.CompareTo(y.At.UtcTicks) : x.EmployeeId.CompareTo(y.EmployeeId));
        return running;
    }
}
