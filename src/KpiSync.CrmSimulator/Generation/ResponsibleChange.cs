namespace KpiSync.CrmSimulator.Generation;

internal sealed record ResponsibleChange(long At, long FromUserId, long ToUserId);
