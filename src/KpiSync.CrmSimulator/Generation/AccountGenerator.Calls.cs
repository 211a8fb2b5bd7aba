using System.Globalization;

namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    private const int ConversationStatus = 4;

    private List<SimCallNote> CreateCalls(LeadIndex index)
    {
        var drafts = new List<(long At, int Sequence, SimCallNote Note)>();
        for (var employee = 0; employee < _users.Count; employee++)
        {
            var user = _users[employee];
            var habits = _habits[employee];
            foreach (var dayStart in _calendar.WorkdayStarts)
            {
                var count = _random.Poisson(habits.CallsPerDay * _random.Between(0.7, 1.3) * _options.Volume);
                for (var i = 0; i < count; i++)
                {
                    var moment = dayStart + _random.Next(WorkCalendar.WorkdaySeconds);
                    if (!_calendar.Contains(moment) || index.Find(_random, user.Id, moment) is not { } lead)
                    {
                        continue;
                    }

                    drafts.Add((moment, drafts.Count, DraftCall(user.Id, habits, lead, moment)));
                }
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

    private SimCallNote DraftCall(long userId, EmployeeHabits habits, SimLead lead, long moment)
    {
        var noteType = _random.Chance(0.6) ? "call_out" : "call_in";
        var omitStatus = _random.Chance(0.05);
        var status = _random.Chance(habits.ConversationRate) ? ConversationStatus : _random.Pick(NonConversationStatuses);
        int duration;
        if (status == ConversationStatus)
        {
            // Exponential tail: most conversations last a few minutes, some much longer.
            duration = (int)Math.Min(3600, 20 + (-Math.Log(1 - _random.NextDouble()) * 180));
        }
        else
        {
            duration = _random.Chance(0.75) ? 0 : _random.Next(1, 40);
        }

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
