using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Sync;

namespace KpiSync.Crm.AmoCrm;

/// <summary>
/// Maps amoCRM records to deals and funnel facts, checking the invariants a KPI relies on. A record that breaks
/// one comes back as a reason instead of a row, and goes to quarantine.
/// </summary>
internal static class AmoCrmFactMapper
{
    public const long WonStatusId = 142;
    public const long LostStatusId = 143;
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string StageOutcome(long statusId) => statusId switch
    {
        WonStatusId => "won",
        LostStatusId => "lost",
        _ => "open",
    };

    public static MapResult<(DealRow Deal, FunnelFact Created)> MapLead(AmoLead lead, DateTimeOffset now, Func<long, long, bool> stageExists, LeadFieldMap? fields = null)
    {
        if (lead.IsDeleted == true)
        {
            return MapResult<(DealRow, FunnelFact)>.Skip;
        }

        var created = DateTimeOffset.FromUnixTimeSeconds(lead.CreatedAt);
        var reason = lead switch
        {
            { Price: < 0 } => "negative price",
            { ResponsibleUserId: null or 0 } => "missing responsible user",
            _ when !Plausible(created, now) => $"created_at {created:u} is before 2000 or in the future",
            { PipelineId: { } p, StatusId: { } s } when !stageExists(p, s) => $"unknown stage {s} in pipeline {p}",
            _ => null,
        };
        if (reason is not null)
        {
            return MapResult<(DealRow, FunnelFact)>.Reject(reason);
        }

        var f = fields ?? LeadFieldMap.None;
        var deal = new DealRow(lead.Id, lead.Name, lead.Price ?? 0, lead.ResponsibleUserId, lead.PipelineId, lead.StatusId, lead.LossReasonId,
            created, DateTimeOffset.FromUnixTimeSeconds(lead.UpdatedAt), lead.ClosedAt is { } c ? DateTimeOffset.FromUnixTimeSeconds(c) : null, false,
            lead.SourceId, lead.Embedded?.Tags?.Select(t => t.Name).ToList(), (int?)lead.LaborCost,
            LeadFieldMap.Number(lead, f.Cost), LeadFieldMap.Text(lead, f.Segment), LeadFieldMap.Text(lead, f.Product),
            LeadFieldMap.Number(lead, f.Paid), LeadFieldMap.Date(lead, f.Due), lead.Embedded?.Companies is [var company, ..] ? company.Id : null);
        var fact = new FunnelFact($"lead:{lead.Id}:created", FactKinds.DealCreated, lead.ResponsibleUserId, lead.Id, created, Amount: lead.Price);
        return MapResult<(DealRow, FunnelFact)>.Ok((deal, fact));
    }

    /// <summary>Maps a lead event. Stage facts leave employee and amount empty: the sync fills them from the deal.</summary>
    public static MapResult<FunnelFact> MapEvent(AmoEvent e, DateTimeOffset now)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(e.CreatedAt);
        if (!Plausible(at, now))
        {
            return MapResult<FunnelFact>.Reject($"created_at {at:u} is before 2000 or in the future");
        }

        var key = "event:" + e.Id;
        switch (e.Type)
        {
            case "lead_status_changed":
                var after = e.ValueAfter?.LeadStatusId;
                var before = e.ValueBefore?.LeadStatusId;
                if (after is null)
                {
                    return MapResult<FunnelFact>.Reject("lead_status_changed without value_after.lead_status.id");
                }

                var kind = after switch
                {
                    WonStatusId => FactKinds.DealWon,
                    LostStatusId => FactKinds.DealLost,
                    _ when before is WonStatusId or LostStatusId => FactKinds.DealReopened,
                    _ => FactKinds.StageChanged,
                };
                return MapResult<FunnelFact>.Ok(new FunnelFact(key, kind, null, e.EntityId, at, StageFrom: before, StageTo: after));
            case "entity_responsible_changed":
                var to = e.ValueAfter?.ResponsibleUserId;
                if (to is null)
                {
                    return MapResult<FunnelFact>.Reject("entity_responsible_changed without value_after.responsible_user.id");
                }

                var from = e.ValueBefore?.ResponsibleUserId;
                return MapResult<FunnelFact>.Ok(new FunnelFact(key, FactKinds.ResponsibleChanged, to, e.EntityId, at,
                    PayloadJson: $$"""{"from":{{(from is null ? "null" : from)}},"to":{{to}}}"""));
            case "lead_deleted":
                return MapResult<FunnelFact>.Ok(new FunnelFact(key, FactKinds.DealDeleted, null, e.EntityId, at));
            case "lead_restored":
                return MapResult<FunnelFact>.Ok(new FunnelFact(key, FactKinds.DealRestored, null, e.EntityId, at));
            default:
                return MapResult<FunnelFact>.Skip;
        }
    }

    public static MapResult<FunnelFact> MapCallNote(AmoNote note, DateTimeOffset now)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(note.CreatedAt);
        var employee = note.ResponsibleUserId is > 0 ? note.ResponsibleUserId : note.CreatedBy;
        var kind = note.NoteType switch { "call_in" => FactKinds.CallIn, "call_out" => FactKinds.CallOut, _ => null };
        var early = (kind, employee, note.Params) switch
        {
            (null, _, _) => MapResult<FunnelFact>.Skip,
            (_, null or 0, _) => MapResult<FunnelFact>.Reject("missing responsible user"),
            (_, _, { Duration: < 0 }) => MapResult<FunnelFact>.Reject("negative call duration"),
            _ when !Plausible(at, now) => MapResult<FunnelFact>.Reject($"created_at {at:u} is before 2000 or in the future"),
            _ => null,
        };
        if (early is not null)
        {
            return early;
        }

        return MapResult<FunnelFact>.Ok(new FunnelFact("note:" + note.Id, kind!, employee, note.EntityId, at,
            DurationSeconds: (int?)note.Params?.Duration, Outcome: (short?)note.Params?.CallStatus));
    }

    /// <summary>amoCRM task type 2 is a meeting; its scheduled time (complete_till) is when it counts — there is no completion timestamp.</summary>
    public static MapResult<FunnelFact> MapTask(AmoTask task, DateTimeOffset now)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(task.CompleteTill ?? task.CreatedAt);
        if (task.ResponsibleUserId is null or 0)
        {
            return MapResult<FunnelFact>.Reject("missing responsible user");
        }

        if (at < Earliest || at > now.AddYears(5))
        {
            return MapResult<FunnelFact>.Reject($"complete_till {at:u} is before 2000 or years ahead");
        }

        var kind = task.TaskTypeId == 2 ? FactKinds.Meeting : FactKinds.Task;
        return MapResult<FunnelFact>.Ok(new FunnelFact("task:" + task.Id, kind, task.ResponsibleUserId,
            task.EntityType == "leads" ? task.EntityId : null, at, DurationSeconds: (int?)task.Duration, Outcome: task.IsCompleted ? (short)1 : (short)0));
    }

    private static bool Plausible(DateTimeOffset at, DateTimeOffset now) => at >= Earliest && at <= now.AddDays(1);
}
