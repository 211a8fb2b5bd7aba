namespace KpiSync.Sync;

/// <summary>What a sync reads: incrementally from the cursors, or (full) everything, optionally only a time range.
/// A full sync also reconciles deletions; cursors never move backwards. <see cref="Streams"/> null means every stream.</summary>
public sealed record SyncRequest(bool Full = false, DateTimeOffset? From = null, DateTimeOffset? To = null, IReadOnlySet<string>? Streams = null)
{
    public static SyncRequest Incremental { get; } = new();

    public static SyncRequest Everything { get; } = new(Full: true);

    /// <summary>
    /// A graceful stop (shutdown): when it fires, each stream stores and commits the page it holds and the sync ends as
    /// cancelled, resumable from its cursors. The method's own token still aborts at once.
    /// </summary>
    public CancellationToken StopBetweenPages { get; init; }

    public bool Includes(string stream) => Streams is null || Streams.Contains(stream);
}
