namespace KpiSync.CrmSimulator;

/// <summary>A call_in / call_out note on a lead. <see cref="CallStatus"/> is null when the note omits call_status.</summary>
public sealed record SimCallNote(
    long Id,
    long EntityId,
    long ResponsibleUserId,
    string NoteType,
    DateTimeOffset CreatedAt,
    string Uniq,
    int DurationSeconds,
    string Source,
    string Link,
    string Phone,
    int? CallStatus,
    string CallResult);
