using KpiSync.CrmSimulator.Api;
using KpiSync.CrmSimulator.Generation;
using KpiSync.CrmSimulator.Webhooks;

namespace KpiSync.CrmSimulator.Live;

/// <summary>
/// Changes after start-up, all stamped with the TimeProvider's "now" (whole seconds): live steps, deleted and
/// restored leads. Each change is applied in one <see cref="LiveStore.Change{T}"/> and its webhooks are
/// sent afterwards.
/// </summary>
internal sealed partial class LiveActivity(SimulatorRuntime runtime)
{
    private int _steps;

    /// <summary>
    /// One step: 1–3 calls on open leads, maybe a stage move, a new lead and a completed task. Draws come from
    /// a Random seeded with (Seed, step number), so the n-th step does the same on every run.
    /// </summary>
    public int Step()
    {
        var now = Now();
        var step = Interlocked.Increment(ref _steps);
        var random = new Random(unchecked((runtime.Options.Seed * 1_000_003) + step));
        var notices = new List<WebhookNotice>();
        var changed = runtime.Store.Change(store =>
            AddCalls(store, random, now) + MoveStage(store, random, now, notices) + AddLead(store, random, now, notices) + CompleteTask(store, random, now));
        runtime.Sender.Send(notices);
        return changed;
    }

    public void DeleteLead(long id, bool withEvent, bool keepInTrash)
    {
        var now = Now();
        var deleted = runtime.Store.Change(store =>
        {
            var index = store.IndexOfLead(id);
            if (index < 0)
            {
                throw new ArgumentException($"Lead {id} is not a current lead.", nameof(id));
            }

            var lead = store.Leads[index];
            var removed = lead with { UpdatedAt = now, UpdatedBy = lead.ResponsibleUserId };
            store.DeleteLead(index, removed, keepInTrash);
            if (withEvent)
            {
                store.AddEvent("lead_deleted", id, lead.ResponsibleUserId, now, EventValues.Empty, EventValues.Empty);
            }

            return removed;
        });
        runtime.Sender.Send([WebhookNotice.Deleted(deleted)]);
    }

    public void RestoreLead(long id)
    {
        var now = Now();
        var restored = runtime.Store.Change(store =>
        {
            var lead = store.TakeFromTrash(id) ?? throw new ArgumentException($"Lead {id} is not in the trash.", nameof(id));
            var back = lead with { UpdatedAt = now, UpdatedBy = lead.ResponsibleUserId };
            store.RestoreLead(back);
            store.AddEvent("lead_restored", id, lead.ResponsibleUserId, now, EventValues.Empty, EventValues.Empty);
            return back;
        });
        runtime.Sender.Send([WebhookNotice.Restored(restored)]);
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(runtime.Time.GetUtcNow().ToUnixTimeSeconds());

    private static List<int> OpenLeadIndexes(LiveStore store, long? responsibleUserId = null)
    {
        var open = new List<int>();
        var leads = store.Leads;
        for (var i = 0; i < leads.Count; i++)
        {
            if (leads[i].ClosedAt is null && (responsibleUserId is null || leads[i].ResponsibleUserId == responsibleUserId))
            {
                open.Add(i);
            }
        }

        return open;
    }
}
