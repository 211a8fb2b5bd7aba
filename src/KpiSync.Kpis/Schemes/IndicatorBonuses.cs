using static KpiSync.Kpis.Schemes.SchemeContext;

namespace KpiSync.Kpis.Schemes;

/// <summary>Kind 7: the sum of each scheme indicator's <see cref="IndicatorReward"/>.</summary>
public sealed record IndicatorBonuses : PayComponent
{
    public override string Kind => ComponentKinds.IndicatorBonuses;

    internal override PayLine Evaluate(SchemeContext context)
    {
        var total = 0m;
        var parts = new List<string>();
        for (var i = 0; i < context.Scheme.Indicators.Count; i++)
        {
            if (context.Scheme.Indicators[i].Reward is not { } reward)
            {
                continue;
            }

            var (amount, formula) = Reward(reward, context.Terms[i], context);
            total += amount;
            parts.Add(formula);
        }

        return new(Kind, total, parts.Count == 0 ? "0: no indicator carries a reward" : string.Join(" + ", parts));
    }

    private static (decimal Amount, string Formula) Reward(IndicatorReward reward, IndexTerm term, SchemeContext context)
    {
        if (reward.MinRatio > 0m)
        {
            if (term.Ratio is not { } ratio)
            {
                return (0m, F($"{term.Key}: 0 (no ratio without a plan)"));
            }

            if (ratio < reward.MinRatio)
            {
                return (0m, F($"{term.Key}: 0 (ratio {ratio} < {reward.MinRatio})"));
            }
        }

        if (!reward.PerUnit)
        {
            return (reward.Amount, F($"{term.Key}: {reward.Amount}"));
        }

        var units = context.Fact(term.Key, out var note);
        return (units * reward.Amount, WithNotes(F($"{term.Key}: {units} × {reward.Amount}"), note));
    }
}
