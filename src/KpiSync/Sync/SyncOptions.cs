using System.ComponentModel.DataAnnotations;

namespace KpiSync.Sync;

public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>How far before the stored cursor an incremental read starts, so records sharing the cursor's second
    /// (or arriving with a little clock skew) are read again; upserts make the re-read harmless. <value>Default 00:01:00.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Sync:Overlap must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the full list of lead ids is compared with ours, so a deletion missed by events and trash
    /// (e.g. purged from the trash) cannot survive. <value>Default 1.00:00:00 (daily); 00:00:00 turns it off.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Sync:ReconcileEvery must be between 00:00:00 and 30.00:00:00.")]
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Records written per transaction: pages are committed together (with their cursor) once this many
    /// arrived, so per-commit costs are shared; a kill loses at most this much work, re-read on resume. <value>Default 2000.</value></summary>
    [Range(1, 1_000_000, ErrorMessage = "Sync:CommitRecords must be between 1 and 1000000.")]
    public int CommitRecords { get; init; } = 2000;

    /// <summary>…or once the batch's first page is this old, so a slow or rate-limited CRM still shows steady progress
    /// (at 7 requests/s shared by three streams, a stream needs seconds to gather 2000 records). <value>Default 00:00:00.5.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Sync:CommitEvery must be between 00:00:00 and 00:10:00.")]
    public TimeSpan CommitEvery { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a running sync writes its progress (pages, records, estimated total) to its <c>sync_runs</c> row,
    /// which the dashboard's progress bar polls. <value>Default 00:00:01.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Sync:ProgressEvery must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(1);
}
