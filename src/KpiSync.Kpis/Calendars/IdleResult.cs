namespace KpiSync.Kpis.Calendars;

/// <summary>
/// Idle time over a range of days (KPI.md <c>idle_hours</c>, <c>active_hours</c> = <see cref="CoveredHours"/>).
/// Hours are summed seconds / 3600, unrounded (5 h 28 min is 5.4666…), so a penalty per idle hour rounds only once.
/// </summary>
public sealed record IdleResult(decimal NominalHours, decimal CoveredHours, decimal IdleHours, IReadOnlyList<IdleDay> Days);
