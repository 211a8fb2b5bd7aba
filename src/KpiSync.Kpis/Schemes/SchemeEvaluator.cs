using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Schemes;

/// <summary>
/// Applies a scheme to one employee-period's facts and plans (KPI.md "Plans, weights and the KPI index", "Pay").
/// Pure: the index is unrounded; money is rounded half away from zero to the cent only in the totals.
/// Rules KPI.md leaves open, decided here:
/// <list type="bullet">
/// <item>A null or missing fact (conversion with no closed deals) gives ratio 0 and says so in the term's note:
/// the employee produced nothing measurable, and leaving the indicator out would shift its weight onto the others.</item>
/// <item>A missing plan (or a higher-is-better plan ≤ 0, a lower-is-better plan &lt; 0) makes the index null:
/// nobody should be paid against a target that was never set. Components that need the index pay 0 with a line
/// saying why; the other components are paid as usual.</item>
/// <item>Ratios are never negative (a negative fact such as a loss-making profit counts as 0); a lower-is-better
/// fact ≤ 0 gives the cap, and without a cap <see cref="SchemeIndicator.DefaultLowerIsBetterCap"/>.</item>
/// <item>Facts a component needs (sales, hours, action counts, penalty units) count as 0 when missing or null,
/// noted in the pay line.</item>
/// </list>
/// </summary>
public static partial class SchemeEvaluator
{
    public static SchemeOutcome Evaluate(KpiScheme scheme, IReadOnlyDictionary<string, decimal?> facts, IReadOnlyDictionary<string, decimal> plans)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(plans);

        var terms = new IndexTerm[scheme.Indicators.Count];
        var index = 0m;
        var withoutRatio = new List<string>();
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = Term(scheme.Indicators[i], facts, plans);
            index += terms[i].Contribution;
            // Weight 0 is outside the index (kept for its reward), so its missing plan does not matter.
            if (terms[i].Ratio is null && terms[i].Weight != 0m)
            {
                withoutRatio.Add(terms[i].Key);
            }
        }

        var known = terms.Length > 0 && withoutRatio.Count == 0;
        var reason = terms.Length == 0 ? "the scheme has no indicators" : $"no usable plan for {string.Join(", ", withoutRatio)}";
        var context = new SchemeContext(scheme, facts, plans, terms, known ? index : null, reason);

        var lines = new PayLine[scheme.Components.Count];
        decimal bonus = 0m, penalties = 0m;
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = scheme.Components[i].Evaluate(context);
            if (scheme.Components[i].IsPenalty)
            {
                penalties -= lines[i].Amount;
            }
            else
            {
                bonus += lines[i].Amount;
            }
        }

        var total = Money.Round(scheme.Fixed + bonus - penalties);
        var shownPenalties = Money.Round(penalties);
        var pay = new PayBreakdown(scheme.Fixed, total - scheme.Fixed + shownPenalties, shownPenalties, total, lines);
        return new SchemeOutcome(known ? index : null, terms, pay);
    }
}
