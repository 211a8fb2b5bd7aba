namespace KpiSync.CrmSimulator.Generation;

/// <summary>A stage of the main pipeline as GET /api/v4/leads/pipelines serves it.</summary>
internal sealed record StatusInfo(long Id, string Name, int Sort, int Type, string Color, bool IsEditable);
