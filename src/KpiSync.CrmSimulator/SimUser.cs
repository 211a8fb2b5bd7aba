namespace KpiSync.CrmSimulator;

/// <summary>A sales rep of the simulated account.</summary>
public sealed record SimUser(long Id, string Name, string Email, string Lang, bool IsActive);
