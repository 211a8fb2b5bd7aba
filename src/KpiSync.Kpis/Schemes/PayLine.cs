namespace KpiSync.Kpis.Schemes;

/// <summary>
/// What one pay component gave: <see cref="Component"/> is its JSON kind, <see cref="Amount"/> is unrounded
/// (KPI.md rounds only at the end) and negative for a penalty.
/// </summary>
public sealed record PayLine(string Component, decimal Amount, string Formula);
