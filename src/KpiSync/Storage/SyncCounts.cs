namespace KpiSync.Storage;

/// <summary>What a sync did, accumulated over its streams.</summary>
public sealed class SyncCounts
{
    public int Pages { get; set; }

    /// <summary>Records read from the CRM (including quarantined ones).</summary>
    public int Entities { get; set; }

    /// <summary>Rows inserted or changed in the store (0 on a re-run with nothing new).</summary>
    public int Changed { get; set; }

    public int Quarantined { get; set; }

    /// <summary>Adds what a stream run in parallel counted on its own.</summary>
    public void Add(SyncCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Pages += other.Pages;
        Entities += other.Entities;
        Changed += other.Changed;
        Quarantined += other.Quarantined;
    }
}
