namespace KpiSync.CrmSimulator.Generation;

internal sealed record LeadTag(long Id, string Name);
