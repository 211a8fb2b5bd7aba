namespace KpiSync.Kpis.Schemes;

/// <summary>
/// One indicator's share of the KPI index: <see cref="Contribution"/> = <see cref="Weight"/> × <see cref="Ratio"/>
/// (0 when the ratio is null). <see cref="Note"/> shows the formula and anything unusual (cap, missing plan, null fact).
/// </summary>
public sealed record IndexTerm(string Key, decimal Weight, decimal? Fact, decimal? Plan, decimal? Ratio, decimal Contribution, string Note);
