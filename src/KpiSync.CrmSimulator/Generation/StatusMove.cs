namespace KpiSync.CrmSimulator.Generation;

internal sealed record StatusMove(long At, long FromStatusId, long ToStatusId);
