namespace KpiSync.CrmSimulator.Generation;

/// <summary>An option of a select field; <see cref="Code"/> is set only where amoCRM has one (invoice statuses).</summary>
internal sealed record FieldEnum(long Id, string Value, int Sort, string? Code = null);
