namespace KpiSync.Kpis.Schemes;

/// <summary>
/// One indicator of a scheme's KPI index. <see cref="Key"/> is an indicator key (<c>calls</c>,
/// <c>funnel_conversion:142</c>); its plan comes per period, beside the scheme.
/// </summary>
public sealed record SchemeIndicator(string Key, decimal Weight, Direction Direction, decimal? Cap = null, IndicatorReward? Reward = null)
{
    /// <summary>
    /// The cap of a lower-is-better indicator that has none: KPI.md gives fact 0 "the cap", which must
    /// exist, and 2 (twice the plan) is what a director expects at most for "none at all".
    /// Higher-is-better indicators stay uncapped unless a cap is set.
    /// </summary>
    public const decimal DefaultLowerIsBetterCap = 2m;

    public decimal? EffectiveCap => Cap ?? (Direction == Direction.LowerIsBetter ? DefaultLowerIsBetterCap : null);
}
