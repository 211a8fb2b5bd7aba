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
}
