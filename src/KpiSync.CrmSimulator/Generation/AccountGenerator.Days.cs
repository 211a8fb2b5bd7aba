namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    /// <summary>The KPI calendar's working day: 09:00–13:00 and 14:00–18:00 (KPI.md), 8 hours.</summary>
    private const int MorningSeconds = 4 * 3600;
    private const int LunchSeconds = 3600;
    private const int WorkingSeconds = 8 * 3600;
    private const int FollowUpSeconds = 300;
    private const int LongestConversation = 2 * 3600;

    /// <summary>
    /// Lays out every working day of every rep: how many calls, meetings and follow-ups (the counts the volume scales),
    /// and then their lengths and times. A rep is busy for <see cref="EmployeeHabits.BusyShare"/> of the day: meetings
    /// and follow-ups take their time, conversations share the rest, and the activities follow one another in working
    /// hours with free time between them — so a director sees idle time like a real team's, whatever the volume (more
    /// activities make them shorter, not the day longer).
    /// </summary>
    private List<DaySlot>[] PlanDays()
    {
        var days = new List<DaySlot>[_users.Count];
        for (var employee = 0; employee < _users.Count; employee++)
        {
            var habits = _habits[employee];
            days[employee] = [];
            foreach (var dayStart in _calendar.WorkdayStarts)
            {
                var calls = _random.Poisson(habits.CallsPerDay * _random.Between(0.7, 1.3) * _options.Volume);
                var meetings = _random.Poisson(habits.MeetingsPerDay * _options.Volume);
                var followUps = _random.Poisson(habits.FollowUpsPerDay * _options.Volume);
                PlanDay(days[employee], dayStart, habits, calls, meetings, followUps);
            }
        }

        return days;
    }

    private void PlanDay(List<DaySlot> slots, long dayStart, EmployeeHabits habits, int calls, int meetings, int followUps)
    {
        var activities = new List<(SlotKind Kind, double Seconds)>(calls + meetings + followUps);
        for (var i = 0; i < meetings; i++)
        {
            activities.Add((SlotKind.Meeting, _random.Next(4, 11) * 900));
        }

        for (var i = 0; i < followUps; i++)
        {
            activities.Add((SlotKind.FollowUp, FollowUpSeconds));
        }

        var conversations = new List<int>();
        for (var i = 0; i < calls; i++)
        {
            var answered = _random.Chance(habits.ConversationRate);
            // Unanswered calls ring out in seconds; their length is drawn with the call itself.
            activities.Add((answered ? SlotKind.Conversation : SlotKind.Call, answered ? -Math.Log(1 - _random.NextDouble()) : 0));
            if (answered)
            {
                conversations.Add(activities.Count - 1);
            }
        }

        var budget = habits.BusyShare * WorkingSeconds;
        var fixedTime = activities.Where(a => a.Kind is SlotKind.Meeting or SlotKind.FollowUp).Sum(a => a.Seconds);
        var weights = conversations.Sum(i => activities[i].Seconds);
        // Conversations share what meetings and follow-ups leave of the busy time; a day of many meetings still has
        // conversations of a minute or more, and a day over budget has its meetings shortened to fit.
        var talk = Math.Max(60.0 * conversations.Count, budget - fixedTime);
        foreach (var i in conversations)
        {
            var share = weights > 0 ? activities[i].Seconds / weights : 1.0 / conversations.Count;
            activities[i] = (SlotKind.Conversation, Math.Clamp(talk * share, 20, LongestConversation));
        }

        var meetingTime = activities.Where(a => a.Kind == SlotKind.Meeting).Sum(a => a.Seconds);
        if (meetingTime > 0 && fixedTime + talk > budget)
        {
            var squeeze = Math.Max(0.1, (budget - (fixedTime - meetingTime) - talk) / meetingTime);
            for (var i = 0; i < activities.Count; i++)
            {
                if (activities[i].Kind == SlotKind.Meeting)
                {
                    activities[i] = (SlotKind.Meeting, Math.Max(600, activities[i].Seconds * squeeze));
                }
            }
        }

        Shuffle(activities);
        var total = activities.Sum(a => a.Seconds);
        var free = Math.Max(0, WorkingSeconds - total);
        var gaps = new double[activities.Count + 1];
        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = -Math.Log(1 - _random.NextDouble());
        }

        var gapScale = free / gaps.Sum();
        var offset = 0.0;
        for (var i = 0; i < activities.Count; i++)
        {
            offset += gaps[i] * gapScale;
            var (kind, seconds) = activities[i];
            var length = kind == SlotKind.Call ? (_random.Chance(0.75) ? 0 : _random.Next(1, 40)) : (int)Math.Round(seconds);
            slots.Add(new DaySlot(kind, dayStart + ClockOffset((long)offset, length), length));
            offset += seconds;
        }
    }

    /// <summary>
    /// Seconds after 09:00 for a point of the working timeline: the hour after 13:00 is lunch, and an activity that would
    /// run into it starts after it instead.
    /// </summary>
    private static long ClockOffset(long working, int length) =>
        working >= MorningSeconds ? working + LunchSeconds
        : working + length > MorningSeconds ? MorningSeconds + LunchSeconds
        : working;

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
