using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoNote(
    long Id,
    long? EntityId,
    long? CreatedBy,
    long? ResponsibleUserId,
    long CreatedAt,
    long UpdatedAt,
    string NoteType,
    AmoNoteParams? Params);

/// <summary>Call-note params, the two a fact needs (the call's uniq id, phone and link are not read: 360 k strings a
/// year for nothing). Real accounts send <c>duration</c> (and sometimes <c>call_status</c>) as strings.</summary>
internal sealed record AmoNoteParams(
    [property: JsonConverter(typeof(FlexibleInt64Converter))] long? Duration,
    [property: JsonConverter(typeof(FlexibleInt64Converter))] long? CallStatus);
