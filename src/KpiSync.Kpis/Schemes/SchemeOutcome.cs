namespace KpiSync.Kpis.Schemes;

/// <summary>
/// A scheme applied to one employee-period. <see cref="Index"/> is unrounded (1.1375 exactly) and null
/// when any index indicator lacks a plan, or the scheme has no indicators.
/// </summary>
public sealed record SchemeOutcome(decimal? Index, IReadOnlyList<IndexTerm> Terms, PayBreakdown Pay);
