using static KpiSync.Kpis.Schemes.SchemeContext;

namespace KpiSync.Kpis.Schemes;

/// <summary>Kind 1: <c>variable × index</c>, paid only when the index reaches <see cref="Threshold"/>.</summary>
public sealed record LinearBonus(decimal Variable, decimal Threshold) : PayComponent
{
    public override string Kind => ComponentKinds.LinearBonus;

    internal override PayLine Evaluate(SchemeContext context)
    {
        if (context.Index is not { } index)
        {
            return context.NoIndex(Kind);
        }

        return index >= Threshold
            ? new(Kind, Variable * index, F($"{Variable} × {index} (index ≥ {Threshold})"))
            : new(Kind, 0m, F($"0: index {index} < threshold {Threshold}"));
    }
}
