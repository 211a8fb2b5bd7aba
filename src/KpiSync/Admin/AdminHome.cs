using KpiSync.Storage;

namespace KpiSync.Admin;

/// <summary>Where the dashboard opens (at /admin and after signing in): the KPI table, of the only connection when
/// there is exactly one.</summary>
internal static class AdminHome
{
    public static async Task<string> UrlAsync(ConnectionStore connections, CancellationToken ct)
    {
        var all = await connections.ListAsync(ct);
        return all.Count == 1 ? "/admin/kpis?connection=" + Uri.EscapeDataString(all[0].Name) : "/admin/kpis";
    }
}
