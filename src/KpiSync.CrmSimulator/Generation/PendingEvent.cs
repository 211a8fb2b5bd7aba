namespace KpiSync.CrmSimulator.Generation;

/// <summary>An event before it gets its id; ids are assigned once all events are known, in time order.</summary>
internal sealed record PendingEvent(string Type, long EntityId, long CreatedBy, long At, string ValueAfterJson, string ValueBeforeJson);
