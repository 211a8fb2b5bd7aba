using KpiSync.CrmSimulator.Catalogs;

namespace KpiSync.CrmSimulator.Api;

/// <summary>A validated element write: the target (null to create), and field values to set (null clears).</summary>
internal sealed record ElementChange(ElementEntry? Target, string? Name, IReadOnlyList<(long FieldId, string? Value)> Values, string RequestId);
