namespace KpiSync.Kpis.Indicators;

/// <summary>How a value came about: the formula and the named inputs it used.</summary>
public sealed record Explanation(string Formula, IReadOnlyDictionary<string, decimal> Inputs)
{
    public static Explanation Count(string what, decimal n) => new(what, new Dictionary<string, decimal> { ["count"] = n });
}
