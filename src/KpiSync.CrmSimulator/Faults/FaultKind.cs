namespace KpiSync.CrmSimulator.Faults;

/// <summary>One die per kind, so the shares are independent of each other.</summary>
internal enum FaultKind
{
    Slow = 1,
    Dropped,
    TooManyRequests,
    ServerError,
    ServerErrorStatus,
    MalformedPage,
    TruncatedBody,
    NonJsonOk,
    LostWriteResponse,
}
