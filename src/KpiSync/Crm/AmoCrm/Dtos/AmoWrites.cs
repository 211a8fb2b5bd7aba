using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoNewCatalog(string Name, string Type, string? RequestId = null);

/// <summary>A field to create; <c>code</c> addresses it whatever users rename it to.</summary>
internal sealed record AmoNewCustomField(string Name, string Type, string? Code = null, int? Sort = null, string? RequestId = null);

/// <summary>A field to patch: its new name and code (amoCRM keeps what is not sent).</summary>
internal sealed record AmoFieldUpdate(long Id, string Name, string Code);

/// <summary>An element to create (no id) or patch (id set). A field whose <c>Values</c> is null is cleared.</summary>
internal sealed record AmoElementWrite(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    IReadOnlyList<AmoFieldWrite> CustomFieldsValues,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestId = null);

internal sealed record AmoFieldWrite(
    long FieldId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<AmoValueWrite>? Values);

internal sealed record AmoValueWrite(string Value);

/// <summary>What amoCRM answers for each created item, at the least: its id and the request_id it was sent with.</summary>
internal sealed record AmoCreated(long? Id, string? RequestId);
