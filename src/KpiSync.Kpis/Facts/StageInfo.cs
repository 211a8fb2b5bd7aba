namespace KpiSync.Kpis.Facts;

/// <summary>A pipeline stage: its order, its outcome, and its optional potential/real phase (KPI.md).</summary>
public sealed record StageInfo(long PipelineId, long StageId, int Sort, StageOutcome Outcome, StagePhase? Phase = null);
