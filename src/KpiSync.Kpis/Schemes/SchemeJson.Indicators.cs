using System.Text.Json;
using KpiSync.Kpis.Json;
using static KpiSync.Kpis.Json.JsonFieldReader;

namespace KpiSync.Kpis.Schemes;

public static partial class SchemeJson
{
    private const string HigherIsBetter = "higher_is_better";
    private const string LowerIsBetter = "lower_is_better";

    private static List<SchemeIndicator> ParseIndicators(JsonFieldReader r, JsonElement root)
    {
        var result = new List<SchemeIndicator>();
        if (r.Array(root, "$", "indicators", required: false) is not { } array)
        {
            return result;
        }

        var firstSeenAt = new Dictionary<string, string>(StringComparer.Ordinal);
        var weightsKnown = true;
        var sum = 0m;
        var i = 0;
        foreach (var e in array.EnumerateArray())
        {
            var path = Item("$.indicators", i++);
            if (!r.Object(e, path, "key", "weight", "direction", "cap", "reward"))
            {
                weightsKnown = false;
                continue;
            }

            var key = Key(r, r.String(e, path, "key", required: true), path + ".key");
            if (key is not null && !firstSeenAt.TryAdd(key, path))
            {
                r.Error(path + ".key", $"duplicate indicator '{key}' (first at {firstSeenAt[key]})");
            }

            var weight = r.Number(e, path, "weight", required: true);
            Between(r, weight, path + ".weight", 0m, 1m);
            weightsKnown &= weight is not null;
            sum += weight ?? 0m;

            var direction = ReadDirection(r, r.String(e, path, "direction", required: true), path + ".direction");
            var cap = r.Number(e, path, "cap", required: false);
            r.Check(cap is null || cap > 0m, path + ".cap", "must be greater than 0");
            var reward = Reward(r, e, path);
            result.Add(new SchemeIndicator(key ?? "", weight ?? 0m, direction ?? Direction.HigherIsBetter, cap, reward));
        }

        if (weightsKnown && result.Count > 0 && Math.Abs(sum - 1m) > WeightTolerance)
        {
            r.Error("$.indicators", Invariant($"weights add up to {sum}, they must add up to 1"));
        }

        return result;
    }

    private static Direction? ReadDirection(JsonFieldReader r, string? text, string path) => text switch
    {
        null => null,
        HigherIsBetter => Direction.HigherIsBetter,
        LowerIsBetter => Direction.LowerIsBetter,
        _ => Unknown(r, path, $"unknown direction '{text}'; expected {HigherIsBetter} or {LowerIsBetter}"),
    };

    private static Direction? Unknown(JsonFieldReader r, string path, string message)
    {
        r.Error(path, message);
        return null;
    }

    private static IndicatorReward? Reward(JsonFieldReader r, JsonElement indicator, string indicatorPath)
    {
        var path = indicatorPath + ".reward";
        if (r.Property(indicator, indicatorPath, "reward", required: false) is not { } e || !r.Object(e, path, "amount", "min_ratio", "per_unit"))
        {
            return null;
        }

        var amount = r.Number(e, path, "amount", required: true);
        Money(r, amount, path + ".amount");
        var minRatio = r.Number(e, path, "min_ratio", required: false);
        Between(r, minRatio, path + ".min_ratio", 0m, 10m);
        return new IndicatorReward(amount ?? 0m, minRatio ?? 0m, r.Bool(e, path, "per_unit") ?? false);
    }

    private static string DirectionName(Direction direction) => direction == Direction.LowerIsBetter ? LowerIsBetter : HigherIsBetter;
}
