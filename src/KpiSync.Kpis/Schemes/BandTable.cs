using static KpiSync.Kpis.Schemes.SchemeContext;

namespace KpiSync.Kpis.Schemes;

/// <summary>
/// Kind 2: the band containing the index gives a coefficient, <c>variable × coefficient</c>. Without
/// bands, KPI.md's default table. Bands are contiguous and increasing (checked by <see cref="SchemeJson"/>);
/// an index below the first band pays 0.
/// </summary>
public sealed record BandTable : PayComponent
{
    public BandTable(decimal variable, IReadOnlyList<Band>? bands = null)
    {
        Variable = variable;
        Bands = bands ?? DefaultBands;
    }

    public static IReadOnlyList<Band> DefaultBands { get; } =
    [
        new(0m, 0.70m, 0m),
        new(0.70m, 0.80m, 0.6m),
        new(0.80m, 0.90m, 0.7m),
        new(0.90m, 0.96m, 0.8m),
        new(0.96m, 0.99m, 0.9m),
        new(0.99m, 1.02m, 1.0m),
        new(1.02m, 1.06m, 1.3m),
        new(1.06m, 1.10m, 1.4m),
        new(1.10m, null, 1.5m),
    ];

    public decimal Variable { get; init; }

    public IReadOnlyList<Band> Bands { get; init; }

    public override string Kind => ComponentKinds.BandTable;

    internal override PayLine Evaluate(SchemeContext context)
    {
        if (context.Index is not { } index)
        {
            return context.NoIndex(Kind);
        }

        foreach (var band in Bands)
        {
            if (band.Contains(index))
            {
                var to = band.To is { } t ? F($"{t}") : "∞";
                return new(Kind, Variable * band.Coefficient, F($"{Variable} × {band.Coefficient} (index {index} in [{band.From}, {to}))"));
            }
        }

        return new(Kind, 0m, F($"0: index {index} is below every band"));
    }
}
