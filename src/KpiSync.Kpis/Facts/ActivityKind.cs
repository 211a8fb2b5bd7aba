namespace KpiSync.Kpis.Facts;

/// <summary>What an employee did: a call, a meeting or another task. Counted for whoever did it (KPI.md "Attribution").</summary>
public enum ActivityKind : byte
{
    CallIn,
    CallOut,
    Meeting,
    Task,
}
