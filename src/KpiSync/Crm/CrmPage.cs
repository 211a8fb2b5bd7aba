namespace KpiSync.Crm;

/// <summary>One page of a CRM list: the records that parsed, the ones that did not (raw JSON and why), and whether more follow.</summary>
public sealed record CrmPage<T>(IReadOnlyList<T> Items, IReadOnlyList<RejectedRecord> Rejected, bool HasNext)
{
    public int Count => Items.Count + Rejected.Count;
}

/// <summary>A CRM record that could not be used; it goes to quarantine and the sync goes on.</summary>
public sealed record RejectedRecord(string Key, string Raw, string Reason);
