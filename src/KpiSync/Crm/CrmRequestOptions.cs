namespace KpiSync.Crm;

/// <summary>Per-request context the shared handlers read: which connection a request belongs to.</summary>
internal static class CrmRequestOptions
{
    public static readonly HttpRequestOptionsKey<CrmConnection> Connection = new("kpisync.connection");

    /// <summary>Set on a connection check's requests: one attempt with <see cref="CrmOptions.CheckTimeout"/>, no retries.</summary>
    public static readonly HttpRequestOptionsKey<bool> Check = new("kpisync.check");
}
