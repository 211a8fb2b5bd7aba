using KpiSync.Kpis.Facts;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    /// <summary>
    /// The deal's <see cref="DealTail"/> for the grid's last (running) month: the first touch that answered the
    /// assignment in force at the month's start, when it came before the month (<see cref="AddResponses"/> counts that
    /// response in an earlier month, so no touch of the running month can answer that assignment any more).
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

        if (employee is { } e)
        {
            foreach (var touch in touches)
            {
                if (touch.EmployeeId == e && touch.At >= from)
                {
                    return touch.At < monthStart ? new DealTail(deal, e, touch.At) : new DealTail(deal, null, null);
                }
            }
        }

        return new DealTail(deal, null, null);
    }
}
