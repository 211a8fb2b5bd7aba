namespace KpiSync.Kpis.Schemes;

/// <summary>
/// An indicator's own bonus rule, summed by <see cref="IndicatorBonuses"/> (pay kind 7). Pays
/// <see cref="Amount"/>, or <see cref="Amount"/> × fact when <see cref="PerUnit"/>, once the indicator's
/// capped ratio reaches <see cref="MinRatio"/>. <see cref="MinRatio"/> 0 is unconditional and needs no plan.
/// Examples: 2 000 when calls reach the plan (<c>min_ratio 1</c>); 500 per new client (<c>per_unit</c>).
/// </summary>
public sealed record IndicatorReward(decimal Amount, decimal MinRatio = 0m, bool PerUnit = false);
