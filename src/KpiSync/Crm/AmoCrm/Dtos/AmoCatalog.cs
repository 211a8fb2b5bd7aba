namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoCatalog(long Id, string Name, string? Type);

internal sealed record AmoCustomField(long Id, string Name, string? Type, string? Code = null);

internal sealed record AmoCatalogElement(long Id, string Name, IReadOnlyList<AmoFieldValues>? CustomFieldsValues);

internal sealed record AmoFieldValues(long FieldId, IReadOnlyList<AmoFieldValue>? Values, string? FieldCode = null);

/// <summary>A custom-field value; numeric values come back as strings, so it is kept as raw JSON text.</summary>
internal sealed record AmoFieldValue(System.Text.Json.JsonElement Value, long? EnumId = null, string? EnumCode = null);
