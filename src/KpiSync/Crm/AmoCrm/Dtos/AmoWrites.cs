using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoNewCatalog(string Name, string Type);

internal sealed record AmoNewCustomField(string Name, string Type);

/// <summary>An element to create (no id) or patch (id set). A field whose <c>Values</c> is null is cleared.</summary>
internal sealed record AmoElementWrite(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    IReadOnlyList<AmoFieldWrite> CustomFieldsValues);

internal sealed record AmoFieldWrite(
    long FieldId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<AmoValueWrite>? Values);

internal sealed record AmoValueWrite(string Value);
