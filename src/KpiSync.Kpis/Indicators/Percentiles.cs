namespace KpiSync.Kpis.Indicators;

/// <summary>
/// Percentiles by linear interpolation between the closest ranks, as PostgreSQL's <c>percentile_cont</c>,
/// so values computed here and in SQL agree. Null for no values (KPI.md: no meaning is null, never 0).
/// </summary>
public static class Percentiles
{
    public static decimal? Median(IReadOnlyList<decimal> values) => Percentile(values, 0.5m);

    public static decimal? P90(IReadOnlyList<decimal> values) => Percentile(values, 0.9m);

    /// <summary>The <paramref name="p"/>-th percentile, p in [0, 1]; the values need not be sorted (a sorted copy is used).</summary>
    public static decimal? Percentile(IReadOnlyList<decimal> values, decimal p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1m);
        if (values.Count == 0)
        {
            return null;
        }

        // Equal values may differ in scale (30.5, 30.50) and print differently: ties go by scale, so the result does
        // not depend on the order the values came in (a cell summed from parts in any order gives the same text).
        var sorted = values.ToArray();
        Array.Sort(sorted, static (x, y) => x != y ? x.CompareTo(y) : x.Scale.CompareTo(y.Scale));
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var fraction = position - lower;
        return fraction == 0m ? sorted[lower] : sorted[lower] + (fraction * (sorted[lower + 1] - sorted[lower]));
    }
}
