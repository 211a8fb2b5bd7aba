namespace KpiSync.Sync;

public sealed record CrmUserRow(long CrmId, string Name, string? Email, bool IsActive);

public sealed record PipelineRow(long CrmId, string Name, int Sort, bool IsMain, bool IsArchive, IReadOnlyList<StageRow> Stages);

/// <summary>A pipeline stage; <see cref="Outcome"/> is open, won or lost.</summary>
public sealed record StageRow(long CrmId, string Name, int Sort, string Outcome);
