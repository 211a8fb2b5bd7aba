namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    /// <summary>Orders all events by time (creation order breaks ties) and gives them ULID-like ids.</summary>
    private List<SimEvent> AssignEventIds() =>
        _events
            .Select((pending, sequence) => (pending, sequence))
            .OrderBy(item => item.pending.At)
            .ThenBy(item => item.sequence)
            .Select((item, ordinal) => new SimEvent(
                EventIds.Create(_options.Seed, item.pending.At, ordinal),
                item.pending.Type,
                item.pending.EntityId,
                item.pending.CreatedBy,
                At(item.pending.At),
                item.pending.ValueAfterJson,
                item.pending.ValueBeforeJson))
            .ToList();
}
