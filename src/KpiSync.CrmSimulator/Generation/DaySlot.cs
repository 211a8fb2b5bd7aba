namespace KpiSync.CrmSimulator.Generation;

/// <summary>One activity a rep's working day holds: when it starts (unix seconds) and, for a conversation or a meeting,
/// how long it lasts.</summary>
internal readonly record struct DaySlot(SlotKind Kind, long Start, int Seconds);

internal enum SlotKind
{
    Call,
    Conversation,
    Meeting,
    FollowUp,
}
