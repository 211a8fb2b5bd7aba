namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    private List<SimTask> CreateTasks(LeadIndex index, List<DaySlot>[] days)
    {
        var drafts = new List<(long CreatedAt, int Sequence, SimTask Task)>();
        for (var employee = 0; employee < _users.Count; employee++)
        {
            var userId = _users[employee].Id;
            foreach (var slot in days[employee].Where(s => s.Kind is SlotKind.Meeting or SlotKind.FollowUp))
            {
                if (DraftTask(index, userId, slot) is { } task)
                {
                    drafts.Add((task.CreatedAt.ToUnixTimeSeconds(), drafts.Count, task));
                }
            }
        }

        return drafts
            .OrderBy(d => d.CreatedAt)
            .ThenBy(d => d.Sequence)
            .Select((d, i) => d.Task with { Id = AccountLayout.FirstTaskId + i })
            .ToList();
    }

    private SimTask? DraftTask(LeadIndex index, long userId, DaySlot slot)
    {
        // A meeting is scheduled for its slot and lasts it; a follow-up is due at its slot (amoCRM: complete_till).
        var meeting = slot.Kind == SlotKind.Meeting;
        var completeTill = slot.Start;
        var duration = meeting ? slot.Seconds : 0;
        if (!_calendar.Contains(completeTill))
        {
            return null;
        }

        var createdAt = Clamp(completeTill - _random.NextInt64(Hour, 5 * Day));
        var lead = index.Find(_random, userId, createdAt) ?? index.Find(_random, userId, completeTill);
        if (lead is null)
        {
            return null;
        }

        createdAt = Math.Max(createdAt, lead.CreatedAt.ToUnixTimeSeconds());
        var completed = _random.Chance(0.85);
        var updatedAt = completed
            ? Math.Clamp(completeTill + duration + _random.NextInt64(-2 * Hour, 4 * Hour), createdAt, _calendar.Anchor)
            : createdAt;
        return new SimTask(
            Id: 0,
            EntityId: lead.Id,
            ResponsibleUserId: userId,
            TaskTypeId: meeting ? AccountLayout.MeetingTaskType : AccountLayout.FollowUpTaskType,
            Text: _random.Pick(meeting ? NameCatalog.MeetingTexts : NameCatalog.FollowUpTexts),
            CreatedAt: At(createdAt),
            UpdatedAt: At(updatedAt),
            CompleteTill: At(completeTill),
            DurationSeconds: duration,
            IsCompleted: completed,
            ResultText: completed ? _random.Pick(meeting ? NameCatalog.MeetingResults : NameCatalog.FollowUpResults) : null);
    }
}
