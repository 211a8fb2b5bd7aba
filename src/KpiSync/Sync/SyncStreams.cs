using KpiSync.Sync.Streams;

namespace KpiSync.Sync;

/// <summary>Every incremental stream, in the order a sync runs them (leads first: stage facts are attributed from them).</summary>
internal static class SyncStreams
{
    public static LeadsStream Leads { get; } = new();

    public static LeadEventsStream Events { get; } = new();

    public static CallNotesStream Calls { get; } = new();

    public static TasksStream Tasks { get; } = new();

    public static DeletedLeadsStream DeletedLeads { get; } = new();
}
