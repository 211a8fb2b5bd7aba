using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    private Dictionary<long, PipelineShape>? _pipelines;

    /// <summary>
    /// Funnel conversion: each stage a deal entered in a period (once per stage and period) counts as entered, and as
    /// advanced when the deal later reached any further stage that is not lost. Stages with nothing after them
    /// (amoCRM's won and lost) have no conversion. Entering the pipeline's first stage also feeds the overall
    /// conversion: the share that reached a won stage.
    /// </summary>
    private void AddFunnel(DealRecord deal, DealHistory h)
    {
        if (deal.PipelineId is not { } pipe || !Pipelines().TryGetValue(pipe, out var shape))
        {
            return;
        }

        var entries = new List<(DateTimeOffset At, StageInfo Stage, string? Key)>();
        if (h.InitialStage is { } s0 && Context.Stages.TryGetValue((pipe, s0), out var first))
        {
            entries.Add((deal.CreatedAt, first, null));
        }

        foreach (var f in deal.Facts)
        {
            if (f.StageTo is { } s && f.Kind is DealFactKind.StageChanged or DealFactKind.Won or DealFactKind.Lost or DealFactKind.Reopened
                && Context.Stages.TryGetValue((pipe, s), out var info))
            {
                entries.Add((f.At, info, f.SourceKey));
            }
        }

        var seen = new HashSet<(long Stage, int Period)>();
        for (var j = 0; j < entries.Count; j++)
        {
            var (at, stage, key) = entries[j];
            var p = Context.Grid.IndexOf(at);
            if (p < 0 || stage.Outcome == StageOutcome.Lost || !seen.Add((stage.StageId, p)) || h.ResponsibleAt(at) is not { } e)
            {
                continue;
            }

            var advanced = false;
            var reachedWon = false;
            for (var k = j + 1; k < entries.Count; k++)
            {
                var later = entries[k].Stage;
                advanced |= later.Outcome != StageOutcome.Lost && later.Sort > stage.Sort;
                reachedWon |= later.Outcome == StageOutcome.Won;
            }

            var c = Cell(e, p);
            if (stage.Sort < shape.LastNonLostSort)
            {
                c.Funnel[stage.StageId] = c.Funnel.GetValueOrDefault(stage.StageId).Add(advanced);
                Trace(e, p, IndicatorKeys.FunnelConversion(stage.StageId), key, deal.Id, $"entered at {at:u}{(advanced ? ", went further" : "")}");
            }

            if (stage.StageId == shape.FirstStage)
            {
                c.FunnelOverall = c.FunnelOverall.Add(reachedWon);
            }
        }
    }

    private Dictionary<long, PipelineShape> Pipelines() => _pipelines ??= Context.Stages.Values
        .GroupBy(s => s.PipelineId)
        .Where(g => g.Any(s => s.Outcome == StageOutcome.Open))
        .ToDictionary(g => g.Key, g => new PipelineShape(
            g.Where(s => s.Outcome == StageOutcome.Open).MinBy(s => s.Sort)!.StageId,
            g.Where(s => s.Outcome != StageOutcome.Lost).Max(s => s.Sort)));

    private sealed record PipelineShape(long FirstStage, int LastNonLostSort);

    /// <summary>
    /// Response time: from a deal's creation or each assignment to the new responsible's first touch on it while still
    /// responsible. It is counted in the period of that touch — the period in which the employee responded.
    /// </summary>
    private void AddResponses(DealRecord deal, DealHistory h, ReadOnlySpan<DealTouch> touches)
    {
        var assignments = new List<(DateTimeOffset At, long Employee)>();
        if (h.ResponsibleAt(deal.CreatedAt) is { } creator)
        {
            assignments.Add((deal.CreatedAt, creator));
        }

        foreach (var (at, to) in h.Changes)
        {
            if (at >= deal.CreatedAt)
            {
                assignments.Add((at, to));
            }
        }

        for (var i = 0; i < assignments.Count; i++)
        {
            var (from, e) = assignments[i];
            var until = i + 1 < assignments.Count ? assignments[i + 1].At : DateTimeOffset.MaxValue;
            foreach (var touch in touches)
            {
                if (touch.EmployeeId != e || touch.At < from)
                {
                    continue;
                }

                if (touch.At >= until)
                {
                    break;
                }

                var p = Context.Grid.IndexOf(touch.At);
                if (p >= 0)
                {
                    // Exact: the median and p90 are rounded for display only, after they are taken.
                    var minutes = (decimal)(touch.At - from).Ticks / TimeSpan.TicksPerMinute;
                    Cell(e, p).ResponseMinutes.Add(minutes);
                    Trace(e, p, IndicatorKeys.ResponseMinutes, KeyOf(touch), deal.Id, $"{minutes:0.##} min after {(i == 0 ? "creation" : "assignment")} at {from:u}");
                }

                break;
            }
        }
    }
}
