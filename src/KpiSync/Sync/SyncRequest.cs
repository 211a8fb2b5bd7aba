namespace KpiSync.Sync;

/// <summary>What a sync reads: incrementally from the cursors, or (full) everything, optionally only a time range.
/// A full sync also reconciles deletions; cursors never move backwards.</summary>
public sealed record SyncRequest(bool Full = false, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public static SyncRequest Incremental { get; } = new();

    public static SyncRequest Everything { get; } = new(Full: true);
}
