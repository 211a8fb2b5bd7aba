namespace KpiSync.Kpis.Schemes;

/// <summary>
/// A position's pay scheme: weighted indicators forming the KPI index, a fixed salary and pay
/// components (KPI.md "Plans, weights and the KPI index" and "Pay"). Stored as JSON, see <see cref="SchemeJson"/>.
/// </summary>
public sealed record KpiScheme(string Name, IReadOnlyList<SchemeIndicator> Indicators, decimal Fixed, IReadOnlyList<PayComponent> Components);
