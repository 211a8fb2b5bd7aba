namespace KpiSync.Crm.AmoCrm;

/// <summary>A mapped row, a rejection reason (quarantine), or nothing to store (a record we do not use).</summary>
internal sealed record MapResult<T>(T? Value, string? RejectReason)
{
    public static MapResult<T> Skip { get; } = new(default, null);

    public static MapResult<T> Ok(T value) => new(value, null);

    public static MapResult<T> Reject(string reason) => new(default, reason);
}
