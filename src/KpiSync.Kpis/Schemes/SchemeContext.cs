using System.Globalization;

namespace KpiSync.Kpis.Schemes;

/// <summary>What pay components read while one scheme is evaluated for one employee-period.</summary>
internal sealed class SchemeContext(
    KpiScheme scheme,
    IReadOnlyDictionary<string, decimal?> facts,
    IReadOnlyDictionary<string, decimal> plans,
    IReadOnlyList<IndexTerm> terms,
    decimal? index,
    string noIndexReason)
{
    public KpiScheme Scheme { get; } = scheme;

    public IReadOnlyList<IndexTerm> Terms { get; } = terms;

    public decimal? Index { get; } = index;

    public bool TryGetPlan(string key, out decimal plan) => plans.TryGetValue(key, out plan);

    /// <summary>A fact a component needs; a missing or null one counts as 0, and <paramref name="note"/> says so.</summary>
    public decimal Fact(string key, out string? note)
    {
        if (facts.TryGetValue(key, out var value) && value is { } v)
        {
            note = null;
            return v;
        }

        note = facts.ContainsKey(key) ? $"{key} has no value, counted as 0" : $"no fact {key}, counted as 0";
        return 0m;
    }

    /// <summary>The line of a component that needs the KPI index when there is none.</summary>
    public PayLine NoIndex(string kind) => new(kind, 0m, $"0: no KPI index ({noIndexReason})");

    /// <summary>Appends the notes that are not null to a formula: "15000 (no fact calls, counted as 0)".</summary>
    public static string WithNotes(string formula, params ReadOnlySpan<string?> notes)
    {
        var present = new List<string>();
        foreach (var n in notes)
        {
            if (n is not null)
            {
                present.Add(n);
            }
        }

        return present.Count == 0 ? formula : $"{formula} ({string.Join("; ", present)})";
    }

    /// <summary>
    /// An invariant formula with decimals shown without trailing zeros (0.5, not 0.500), rounded as explanations show
    /// numbers (<see cref="Indicators.ExplainNumber"/>; the amounts stay exact).
    /// </summary>
    public static string F(FormattableString text)
    {
        var args = text.GetArguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is decimal d)
            {
                // Dividing by 1.000…0 (28 zeros) drops the scale a product like 0.5 × 1.0 carries.
                args[i] = Indicators.ExplainNumber.Round(d) / 1.0000000000000000000000000000m;
            }
        }

        return string.Format(CultureInfo.InvariantCulture, text.Format, args);
    }
}
