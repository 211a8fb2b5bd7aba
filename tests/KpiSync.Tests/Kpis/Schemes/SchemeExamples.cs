using KpiSync.Kpis.Schemes;

namespace KpiSync.Tests.Kpis.Schemes;

/// <summary>KPI.md's worked examples as schemes, facts and plans.</summary>
internal static class SchemeExamples
{
    /// <summary>Weights 0.5 / 0.25 / 0.25, all higher-is-better, no caps.</summary>
    public static readonly SchemeIndicator[] ThreeIndicators =
    [
        new("calls", 0.5m, Direction.HigherIsBetter),
        new("meetings", 0.25m, Direction.HigherIsBetter),
        new("deals_won", 0.25m, Direction.HigherIsBetter),
    ];

    /// <summary>Plan 20 / 20 / 20, fact 22 / 17 / 30: index 1.1375.</summary>
    public static readonly Dictionary<string, decimal?> ThreeFacts = new() { ["calls"] = 22m, ["meetings"] = 17m, ["deals_won"] = 30m };

    public static readonly Dictionary<string, decimal> ThreePlans = new() { ["calls"] = 20m, ["meetings"] = 20m, ["deals_won"] = 20m };

    public static KpiScheme With(decimal fix, params PayComponent[] components) => new("test", ThreeIndicators, fix, components);

    /// <summary>One indicator of weight 1, plan 1: the index equals the fact.</summary>
    public static SchemeOutcome AtIndex(decimal index, params PayComponent[] components) =>
        SchemeEvaluator.Evaluate(
            new KpiScheme("test", [new("calls", 1m, Direction.HigherIsBetter)], 0m, components),
            Facts(("calls", index)),
            new Dictionary<string, decimal> { ["calls"] = 1m });

    public static Dictionary<string, decimal?> Facts(params (string Key, decimal? Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => f.Value);

    public static Dictionary<string, decimal> NoPlans() => [];
}
