using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    private readonly List<ClientWin> _wins = [];
    private bool _dealsAdded;

    /// <summary>
    /// Replays one deal's history: every deal fact counts for the deal's responsible at the moment of the fact, and
    /// period-end states (in work, receivables, potential/real) for the responsible at the period's end.
    /// </summary>
    public void AddDeal(DealRecord deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        _dealsAdded = true;
        var history = new DealHistory(deal);
        var touches = TouchesOf(deal.Id);
        touches.Sort(static (x, y) => x.AtTicks.CompareTo(y.AtTicks));

        _dealCells = CaptureParts ? (PartsSink is null ? [] : _reusedDealCells) : null;
        AddCreatedAndClosed(deal, history);
        AddPayments(deal, history);
        SweepPeriods(deal, history, touches);
        AddFunnel(deal, history);
        AddResponses(deal, history, touches);
        if (_dealCells is { } parts)
        {
            _dealCells = null;
            KeepPart(deal.Id, parts, TailOf(deal, history, touches));
        }
    }

    private void AddCreatedAndClosed(DealRecord deal, DealHistory h)
    {
        var final = h.FinalClose;
        var finalWon = final is { Kind: DealFactKind.Won };
        var pc = Context.Grid.IndexOf(deal.CreatedAt);
        if (pc >= 0 && h.ResponsibleAt(deal.CreatedAt) is { } creator)
        {
            var c = Cell(creator, pc);
            c.DealsCreated++;
            c.CohortCreated++;
            c.CohortWon += finalWon ? 1 : 0;
            Trace(creator, pc, IndicatorKeys.DealsCreated, null, deal.Id, $"created {deal.CreatedAt:u}{(finalWon ? ", won since" : "")}");
        }

        if (final is not { Kind: DealFactKind.Won or DealFactKind.Lost } close)
        {
            return;
        }

        var p = Context.Grid.IndexOf(close.At);
        var r = h.ResponsibleAt(close.At);
        if (finalWon && deal.ClientId is { } client)
        {
            _wins.Add(new ClientWin(client, close.At, deal.Id, r, p));
        }

        if (p < 0 || r is not { } e)
        {
            return;
        }

        var cell = Cell(e, p);
        if (finalWon)
        {
            var amount = close.Amount ?? deal.Price;
            cell.DealsWon++;
            cell.RevenueWon += amount;
            cell.CostWon += deal.Cost ?? 0;
            cell.LaborSecondsWon += deal.LaborSeconds ?? 0;
            if (deal.Product is { Length: > 0 } product)
            {
                cell.ProductsSold.Add(product);
            }

            Trace(e, p, IndicatorKeys.DealsWon, close.SourceKey, deal.Id,
                $"won {close.At:u} for {amount:0.##}; cost {deal.Cost ?? 0:0.##}, labor {(deal.LaborSeconds ?? 0) / 3600m:0.##} h, product {deal.Product ?? "—"}");
        }
        else
        {
            cell.DealsLost++;
            Trace(e, p, IndicatorKeys.DealsLost, close.SourceKey, deal.Id, $"lost {close.At:u}");
        }
    }

    private void AddPayments(DealRecord deal, DealHistory h)
    {
        foreach (var f in deal.Facts)
        {
            if (f.Kind != DealReplay.PaymentKind(Context.OwedFromInvoices) || f.Amount is not { } amount)
            {
                continue;
            }

            var p = Context.Grid.IndexOf(f.At);
            if (p >= 0 && h.ResponsibleAt(f.At) is { } e)
            {
                Cell(e, p).Payments += amount;
                Trace(e, p, IndicatorKeys.Payments, f.SourceKey, deal.Id, $"payment {amount:0.##} at {f.At:u}");
            }
        }
    }

    /// <summary>
    /// Walks the periods once, replaying facts up to each period's end (or now, for the running period): what was
    /// open, won and unpaid, and in which phase, at that moment, for whoever was responsible then.
    /// </summary>
    private void SweepPeriods(DealRecord deal, DealHistory h, ReadOnlySpan<DealTouch> touches)
    {
        var replay = new DealReplay(deal, h, Context.OwedFromInvoices);
        for (var i = 0; i < Context.Grid.Count; i++)
        {
            var start = Context.Grid.Start(i);
            if (start >= Context.Now)
            {
                break;
            }

            var cutoff = Context.Grid.End(i) < Context.Now ? Context.Grid.End(i) : Context.Now;
            if (cutoff <= deal.CreatedAt)
            {
                continue;
            }

            replay.AdvanceTo(start);
            var openDuring = replay.IsOpen && deal.CreatedAt < start;
            openDuring |= replay.AdvanceTo(cutoff) || deal.CreatedAt >= start;
            if (replay.Responsible is not { } e)
            {
                continue;
            }

            if (replay.IsOpen)
            {
                var c = Cell(e, i);
                c.DealsInWork++;
                Trace(e, i, IndicatorKeys.DealsInWork, null, deal.Id, $"open at {cutoff:u}");
                var phase = deal.PipelineId is { } pipe && replay.Stage is { } s && Context.Stages.TryGetValue((pipe, s), out var info) ? info.Phase : null;
                if (phase is StagePhase.Potential)
                {
                    c.PotentialDeals++;
                }
                else if (phase is StagePhase.Real)
                {
                    c.RealDeals++;
                }
            }

            // With invoices an open deal can owe too (a prepayment invoice), so this is no longer the open branch's "else".
            var invoices = Context.OwedFromInvoices;
            if (replay.OwesAnything() && replay.OwedBy() - replay.Paid > 0)
            {
                var owed = replay.OwedBy() - replay.Paid;
                var c = Cell(e, i);
                c.Receivables += owed;
                var overdue = deal.PaymentDue is { } due && due < cutoff;
                c.ReceivablesOverdue += overdue ? owed : 0;
                Trace(e, i, IndicatorKeys.Receivables, null, deal.Id,
                    $"{(invoices ? "invoiced" : "won for")} {replay.OwedBy():0.##}, paid {replay.Paid:0.##} by {cutoff:u}{(overdue ? $", overdue since {deal.PaymentDue:u}" : "")}");
            }

            if (openDuring)
            {
                var n = 0;
                var (from, to) = (start.UtcTicks, cutoff.UtcTicks);
                foreach (var touch in touches)
                {
                    n += touch.EmployeeId == e && touch.AtTicks >= from && touch.AtTicks < to ? 1 : 0;
                }

                var c = Cell(e, i);
                c.AttentionOverall = c.AttentionOverall.Add(n);
                if (deal.Segment is { Length: > 0 } segment)
                {
                    c.Attention[segment] = c.Attention.GetValueOrDefault(segment).Add(n);
                }
            }
        }
    }

    /// <summary>A client's first win ever is a new client; every later win is a repeat purchase.</summary>
    private void CompleteClients()
    {
        foreach (var group in _wins.GroupBy(w => w.ClientId))
        {
            var first = true;
            foreach (var w in group.OrderBy(w => w.At).ThenBy(w => w.DealId))
            {
                if (w.Period >= 0 && w.EmployeeId is { } e)
                {
                    var c = Cell(e, w.Period);
                    _ = first ? c.NewClients++ : c.RepeatPurchases++;
                    Trace(e, w.Period, first ? IndicatorKeys.NewClients : IndicatorKeys.RepeatPurchases, null, w.DealId,
                        $"client {w.ClientId}: {(first ? "first" : "repeat")} purchase at {w.At:u}");
                }

                first = false;
            }
        }
    }
}
