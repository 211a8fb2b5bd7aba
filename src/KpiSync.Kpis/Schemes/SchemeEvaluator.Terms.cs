using static KpiSync.Kpis.Schemes.SchemeContext;

namespace KpiSync.Kpis.Schemes;

public static partial class SchemeEvaluator
{
    private static IndexTerm Term(SchemeIndicator indicator, IReadOnlyDictionary<string, decimal?> facts, IReadOnlyDictionary<string, decimal> plans)
    {
        var (key, weight) = (indicator.Key, indicator.Weight);
        var hasFact = facts.TryGetValue(key, out var fact);
        if (!plans.TryGetValue(key, out var plan))
        {
            return new(key, weight, fact, null, null, 0m, weight == 0m ? "no plan (weight 0: outside the index)" : "no plan: the KPI index is not computed");
        }

        var higher = indicator.Direction == Direction.HigherIsBetter;
        if (higher ? plan <= 0m : plan < 0m)
        {
            return new(key, weight, fact, plan, null, 0m, F($"plan {plan} is not usable: the KPI index is not computed"));
        }

        if (fact is not { } f)
        {
            var why = hasFact ? "the fact has no value (e.g. no closed deals)" : "no fact";
            return new(key, weight, null, plan, 0m, 0m, $"{why}: ratio counted as 0");
        }

        decimal raw;
        string note;
        if (higher)
        {
            raw = Math.Max(0m, f / plan);
            note = F($"fact / plan = {f} / {plan}");
        }
        else if (f <= 0m)
        {
            raw = indicator.EffectiveCap!.Value;
            note = F($"fact {f}: ratio is the cap {raw}");
        }
        else
        {
            raw = plan / f;
            note = F($"plan / fact = {plan} / {f}");
        }

        var ratio = indicator.EffectiveCap is { } cap && raw > cap ? cap : raw;
        if (ratio != raw)
        {
            note = F($"{note} = {raw}, capped at {ratio}");
        }

        return new(key, weight, f, plan, ratio, weight * ratio, note);
    }
}
