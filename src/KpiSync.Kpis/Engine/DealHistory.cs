using KpiSync.Kpis.Facts;

namespace KpiSync.Kpis.Engine;

/// <summary>What a deal's facts say about it over time: who was responsible when, its stages, and its final close.</summary>
internal sealed class DealHistory
{
    private readonly List<(DateTimeOffset At, long To)> _changes = [];

    public DealHistory(DealRecord deal)
    {
        DealFact? firstChange = null;
        foreach (var f in deal.Facts)
        {
            switch (f.Kind)
            {
                case DealFactKind.ResponsibleChanged when f.ToEmployee is { } to:
                    firstChange ??= f;
                    _changes.Add((f.At, to));
                    break;
                case DealFactKind.Won or DealFactKind.Lost or DealFactKind.Reopened or DealFactKind.StageChanged:
                    FinalClose = f;
                    InitialStage ??= f.StageFrom;
                    break;
            }
        }

        // Before its first recorded change the deal belonged to that change's "from"; without changes, to its current responsible.
        InitialResponsible = firstChange is { } c ? c.FromEmployee ?? c.ToEmployee : deal.ResponsibleId;
        InitialStage ??= deal.StatusId;
    }

    public long? InitialResponsible { get; }

    public long? InitialStage { get; }

    /// <summary>The last won/lost/re-open/stage fact: a deal counts as won or lost by its final close only (KPI.md).</summary>
    public DealFact? FinalClose { get; }

    public IReadOnlyList<(DateTimeOffset At, long To)> Changes => _changes;

    /// <summary>The responsible at <paramref name="at"/>: a change at the same instant as a fact already applies to it.</summary>
    public long? ResponsibleAt(DateTimeOffset at)
    {
        var r = InitialResponsible;
        foreach (var (when, to) in _changes)
        {
            if (when > at)
            {
                break;
            }

            r = to;
        }

        return r;
    }
}
