namespace KpiSync.CrmSimulator.Generation;

/// <summary>A predefined custom field of leads or of the invoices catalog.</summary>
internal sealed record FieldDefinition(long Id, string Name, string Type, string? Code, int Sort, IReadOnlyList<FieldEnum>? Enums = null);
