namespace KpiSync.Kpis.Engine;

/// <summary>One employee in one period of the grid.</summary>
public readonly record struct CellKey(long EmployeeId, int Period);
