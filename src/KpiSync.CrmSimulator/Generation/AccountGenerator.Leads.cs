namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    private const long Hour = 3600;
    private const long Day = 24 * Hour;

    private List<SimLead> CreateLeads()
    {
        var months = (_calendar.Anchor - _calendar.Start) / (30.44 * Day);
        var plans = new List<LeadPlan>();
        for (var employee = 0; employee < _users.Count; employee++)
        {
            var count = (int)Math.Round(_habits[employee].LeadsPerMonth * months * _random.Between(0.97, 1.03) * _options.Volume);
            for (var i = 0; i < count; i++)
            {
                plans.Add(PlanLead(employee, plans.Count, (i + _random.NextDouble()) / count));
            }
        }

        var ordered = plans.OrderBy(plan => plan.CreatedAt).ThenBy(plan => plan.Sequence).ToList();
        var leads = new List<SimLead>(ordered.Count);
        var systemNoteId = AccountLayout.FirstSystemNoteId;
        foreach (var plan in ordered)
        {
            plan.Id = AccountLayout.FirstLeadId + leads.Count;
            leads.Add(ToLead(plan));
            var added = plan.HasAddedNote ? EventValues.Note(systemNoteId++) : "[]";
            _events.Add(new PendingEvent("lead_added", plan.Id, plan.CreatorId, plan.CreatedAt, added, "[]"));
            foreach (var move in plan.Moves)
            {
                _events.Add(new PendingEvent(
                    "lead_status_changed", plan.Id, plan.ResponsibleAt(move.At), move.At,
                    EventValues.Status(move.ToStatusId), EventValues.Status(move.FromStatusId)));
            }

            if (plan.ResponsibleChange is { } change)
            {
                _events.Add(new PendingEvent(
                    "entity_responsible_changed", plan.Id, change.FromUserId, change.At,
                    EventValues.Responsible(change.ToUserId), EventValues.Responsible(change.FromUserId)));
            }
        }

        return leads;
    }

    private LeadPlan PlanLead(int employee, int sequence, double stratum)
    {
        var habits = _habits[employee];
        var creator = _users[employee].Id;
        var createdAt = LeadMoment(stratum);
        var won = _random.Chance(habits.WinRate);
        var openStagesReached = won ? 3 : _random.Next(0, 4);
        var moves = new List<StatusMove>();
        var status = AccountLayout.IncomingStatusId;
        var moment = createdAt;
        for (var step = 1; step <= openStagesReached + 1; step++)
        {
            var closing = step == openStagesReached + 1;
            moment = _calendar.SnapToWorkingHours(moment + StepDuration(closing ? 4 : step), _random.Next(2 * 3600));
            if (moment > _calendar.Anchor)
            {
                break;
            }

            var next = closing ? (won ? AccountLayout.WonStatusId : AccountLayout.LostStatusId) : AccountLayout.OpenStages[step];
            moves.Add(new StatusMove(moment, status, next));
            status = next;
        }

        var lastChange = moves.Count > 0 ? moves[^1].At : createdAt;
        var isClosed = status is AccountLayout.WonStatusId or AccountLayout.LostStatusId;
        ResponsibleChange? responsibleChange = null;
        if (_users.Count > 1 && _random.Chance(0.03))
        {
            var until = isClosed ? lastChange : _calendar.Anchor;
            var to = _users[(employee + 1 + _random.Next(_users.Count - 1)) % _users.Count].Id;
            responsibleChange = new ResponsibleChange(createdAt + _random.NextInt64(Math.Max(1, until - createdAt)), creator, to);
        }

        return new LeadPlan
        {
            Sequence = sequence,
            CreatorId = creator,
            CreatedAt = createdAt,
            Name = $"{_random.Pick(NameCatalog.Products)} — {_random.Pick(NameCatalog.Companies)}",
            Price = (int)Math.Clamp(Math.Round(_random.Between(10_000, 120_000) * habits.PriceLevel / 500) * 500, 10_000, 300_000),
            Moves = moves,
            ResponsibleChange = responsibleChange,
            LossReasonId = status == AccountLayout.LostStatusId && _random.Chance(0.5) ? _random.Pick(AccountLayout.LossReasonIds) : null,
            HasAddedNote = _random.Chance(0.5),
        };
    }

    /// <summary>Seconds spent before entering stage 1..3 (Qualified, Offer sent, Negotiation) or 4 (closing).</summary>
    private long StepDuration(int step) => step switch
    {
        1 => _random.NextInt64(2 * Hour, 3 * Day),
        2 => _random.NextInt64(1 * Day, 7 * Day),
        3 => _random.NextInt64(1 * Day, 10 * Day),
        _ => _random.NextInt64(1 * Day, 14 * Day),
    };

    private static SimLead ToLead(LeadPlan plan)
    {
        var status = plan.Moves.Count > 0 ? plan.Moves[^1].ToStatusId : AccountLayout.IncomingStatusId;
        var closedAt = status is AccountLayout.WonStatusId or AccountLayout.LostStatusId ? plan.Moves[^1].At : (long?)null;
        var updatedAt = Math.Max(plan.Moves.Count > 0 ? plan.Moves[^1].At : plan.CreatedAt, plan.ResponsibleChange?.At ?? 0);
        var updatedBy = plan.ResponsibleChange is { } change && change.At >= updatedAt ? change.FromUserId : plan.ResponsibleAt(updatedAt);
        return new SimLead(
            plan.Id, plan.Name, plan.Price, plan.ResponsibleAt(long.MaxValue), status, AccountLayout.PipelineId, plan.LossReasonId,
            plan.CreatorId, updatedBy, At(plan.CreatedAt), At(updatedAt), closedAt is { } closed ? At(closed) : null);
    }
}
