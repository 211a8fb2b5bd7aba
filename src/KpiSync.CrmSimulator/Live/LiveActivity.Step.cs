using KpiSync.CrmSimulator.Generation;
using KpiSync.CrmSimulator.Webhooks;

namespace KpiSync.CrmSimulator.Live;

internal sealed partial class LiveActivity
{
    private const int ConversationStatus = 4;

    private int AddCalls(LiveStore store, Random random, DateTimeOffset now)
    {
        var changed = 0;
        var calls = random.Next(1, 4);
        for (var i = 0; i < calls; i++)
        {
            var user = random.Pick(runtime.State.Users);
            var open = OpenLeadIndexes(store, user.Id);
            if (open.Count == 0)
            {
                continue;
            }

            var lead = store.Leads[random.Pick(open)];
            var note = store.AddNote(id => DraftCall(random, id, lead, user.Id, now));
            store.AddEvent(note.NoteType == "call_in" ? "incoming_call" : "outgoing_call", lead.Id, user.Id, now, EventValues.Note(note.Id), EventValues.Empty);
            changed += 2;
        }

        return changed;
    }

    private SimCallNote DraftCall(Random random, long id, SimLead lead, long userId, DateTimeOffset now)
    {
        var status = random.Chance(0.6) ? ConversationStatus : random.Next(1, 8);
        var duration = status == ConversationStatus ? random.Next(20, 900) : random.Chance(0.75) ? 0 : random.Next(1, 40);
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var uniq = new Guid(bytes).ToString();
        return new SimCallNote(
            id, lead.Id, userId, random.Chance(0.6) ? "call_out" : "call_in", now, uniq, duration,
            random.Pick(NameCatalog.CallSources),
            status == ConversationStatus ? $"https://pbx.{runtime.Options.Subdomain}.example/records/{uniq}.mp3" : "",
            EventValues.PhoneOf(lead.Id), status, NameCatalog.CallResults[status]);
    }

    private static int MoveStage(LiveStore store, Random random, DateTimeOffset now, List<WebhookNotice> notices)
    {
        var open = OpenLeadIndexes(store);
        if (open.Count == 0 || !random.Chance(0.5))
        {
            return 0;
        }

        var index = random.Pick(open);
        var lead = store.Leads[index];
        var stage = StageOf(lead.StatusId);
        var roll = random.NextDouble();
        var next = roll < 0.15 ? AccountLayout.LostStatusId
            : stage == AccountLayout.OpenStages.Count - 1 || roll < 0.25 ? AccountLayout.WonStatusId
            : AccountLayout.OpenStages[stage + 1];
        var closed = next is AccountLayout.WonStatusId or AccountLayout.LostStatusId;
        var moved = lead with
        {
            StatusId = next,
            UpdatedAt = now,
            UpdatedBy = lead.ResponsibleUserId,
            ClosedAt = closed ? now : null,
            LossReasonId = next == AccountLayout.LostStatusId && random.Chance(0.5) ? random.Pick(AccountLayout.LossReasonIds) : null,
        };
        store.ReplaceLead(index, moved);
        store.AddEvent("lead_status_changed", lead.Id, lead.ResponsibleUserId, now, EventValues.Status(next), EventValues.Status(lead.StatusId));
        notices.Add(WebhookNotice.StatusChanged(moved, lead.StatusId, lead.PipelineId));
        return 2;
    }

    private int AddLead(LiveStore store, Random random, DateTimeOffset now, List<WebhookNotice> notices)
    {
        if (!random.Chance(0.5))
        {
            return 0;
        }

        var user = random.Pick(runtime.State.Users);
        var name = $"{random.Pick(NameCatalog.Products)} — {random.Pick(NameCatalog.Companies)}";
        var price = random.Next(20, 241) * 500;
        var details = new LeadDetails
        {
            Segment = random.Next(LeadFieldLayout.Segments.Count),
            Product = random.Next(LeadFieldLayout.Products.Count),
            SourceId = random.Pick(LeadFieldLayout.SourceIds),
        };
        var lead = store.AddLead(id => new SimLead(
            id, name, price, user.Id, AccountLayout.IncomingStatusId, AccountLayout.PipelineId, null, user.Id, user.Id, now, now, null)
        { Details = details });
        store.AddEvent("lead_added", lead.Id, user.Id, now, EventValues.Empty, EventValues.Empty);
        notices.Add(WebhookNotice.Added(lead));
        return 2;
    }

    private static int CompleteTask(LiveStore store, Random random, DateTimeOffset now)
    {
        if (!random.Chance(0.5))
        {
            return 0;
        }

        var tasks = store.Tasks;
        var open = new List<int>();
        for (var i = 0; i < tasks.Count; i++)
        {
            if (!tasks[i].IsCompleted)
            {
                open.Add(i);
            }
        }

        if (open.Count == 0)
        {
            return 0;
        }

        var index = random.Pick(open);
        var task = tasks[index];
        var meeting = task.TaskTypeId == AccountLayout.MeetingTaskType;
        store.ReplaceTask(index, task with
        {
            IsCompleted = true,
            UpdatedAt = now,
            ResultText = random.Pick(meeting ? NameCatalog.MeetingResults : NameCatalog.FollowUpResults),
        });
        return 1;
    }

    /// <summary>Position of an open status in <see cref="AccountLayout.OpenStages"/> (0 when unknown).</summary>
    private static int StageOf(long statusId)
    {
        for (var i = 0; i < AccountLayout.OpenStages.Count; i++)
        {
            if (AccountLayout.OpenStages[i] == statusId)
            {
                return i;
            }
        }

        return 0;
    }
}
