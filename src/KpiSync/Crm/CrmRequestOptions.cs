namespace KpiSync.Crm;

/// <summary>Per-request context the shared handlers read: which connection a request belongs to.</summary>
internal static class CrmRequestOptions
{
    public static readonly HttpRequestOptionsKey<CrmConnection> Connection = new("kpisync.connection");
}
