namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    private List<SimTask> CreateTasks(LeadIndex index)
    {
        var drafts = new List<(long CreatedAt, int Sequence, SimTask Task)>();
        for (var employee = 0; employee < _users.Count; employee++)
        {
            var userId = _users[employee].Id;
            var habits = _habits[employee];
            foreach (var dayStart in _calendar.WorkdayStarts)
            {
                var meetings = _random.Poisson(habits.MeetingsPerDay * _options.Volume);
                var followUps = _random.Poisson(habits.FollowUpsPerDay * _options.Volume);
                for (var i = 0; i < meetings + followUps; i++)
                {
                    if (DraftTask(index, userId, dayStart, meeting: i < meetings) is { } task)
                    {
                        drafts.Add((task.CreatedAt.ToUnixTimeSeconds(), drafts.Count, task));
                    }
                }
            }
        }

        return drafts
            .OrderBy(d => d.CreatedAt)
            .ThenBy(d => d.Sequence)
            .Select((d, i) => d.Task with { Id = AccountLayout.FirstTaskId + i })
            .ToList();
    }

    private SimTask? DraftTask(LeadIndex index, long userId, long dayStart, bool meeting)
    {
        // Meetings start on the half hour and end by 19:00; follow-ups are due any five minutes of the day.
        var completeTill = meeting
            ? dayStart + (_random.Next(0, 17) * 1800)
            : dayStart + (_random.Next(0, WorkCalendar.WorkdaySeconds / 300) * 300);
        var duration = meeting ? _random.Next(2, 7) * 900 : 0;
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
