namespace KpiSync.Kpis.Engine;

/// <summary>A deal whose final close is a win, for a client: the client's first win ever is a new client, later ones
/// are repeat purchases. <see cref="Period"/> is −1 (and <see cref="EmployeeId"/> may be null) when it counts nowhere.</summary>
public sealed record ClientWin(long ClientId, DateTimeOffset At, long DealId, long? EmployeeId, int Period);
