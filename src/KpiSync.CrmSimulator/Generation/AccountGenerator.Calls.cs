using System.Globalization;

namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    private const int ConversationStatus = 4;

    private List<SimCallNote> CreateCalls(LeadIndex index, List<DaySlot>[] days)
    {
        var drafts = new List<(long At, int Sequence, SimCallNote Note)>();
        for (var employee = 0; employee < _users.Count; employee++)
        {
            var user = _users[employee];
            foreach (var slot in days[employee].Where(s => s.Kind is SlotKind.Call or SlotKind.Conversation))
            {
                if (!_calendar.Contains(slot.Start) || index.Find(_random, user.Id, slot.Start) is not { } lead)
                {
                    continue;
                }

                drafts.Add((slot.Start, drafts.Count, DraftCall(user.Id, slot, lead)));
            }
        }

        var notes = new List<SimCallNote>(drafts.Count);
        foreach (var draft in drafts.OrderBy(d => d.At).ThenBy(d => d.Sequence))
        {
            var note = draft.Note with { Id = AccountLayout.FirstCallNoteId + notes.Count };
            notes.Add(note);
            var type = note.NoteType == "call_in" ? "incoming_call" : "outgoing_call";
            _events.Add(new PendingEvent(type, note.EntityId, note.ResponsibleUserId, draft.At, EventValues.Note(note.Id), "[]"));
        }

        return notes;
    }

    private SimCallNote DraftCall(long userId, DaySlot slot, SimLead lead)
    {
        var moment = slot.Start;
        var noteType = _random.Chance(0.6) ? "call_out" : "call_in";
        var omitStatus = _random.Chance(0.05);
        var status = slot.Kind == SlotKind.Conversation ? ConversationStatus : _random.Pick(NonConversationStatuses);
        var duration = slot.Seconds;

        var uniq = _random.Chance(0.9)
            ? new Guid(NextBytes(16)).ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{moment}.{_random.Next(10000, 99999)}");
        var link = status == ConversationStatus ? $"https://pbx.{_options.Subdomain}.example/records/{uniq}.mp3" : "";
        return new SimCallNote(
            Id: 0,
            EntityId: lead.Id,
            ResponsibleUserId: userId,
            NoteType: noteType,
            CreatedAt: At(moment),
            Uniq: uniq,
            DurationSeconds: duration,
            Source: _random.Pick(NameCatalog.CallSources),
            Link: link,
            Phone: EventValues.PhoneOf(lead.Id),
            CallStatus: omitStatus ? null : status,
            CallResult: NameCatalog.CallResults[status]);
    }

    private static IReadOnlyList<int> NonConversationStatuses { get; } = [1, 2, 3, 5, 6, 7];

    private byte[] NextBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
