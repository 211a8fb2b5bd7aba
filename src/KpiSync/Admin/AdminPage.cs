using System.Globalization;
using System.Net;
using System.Text;
using KpiSync.Storage;

namespace KpiSync.Admin;

/// <summary>The read-only overview: every connection and its last sync. Server-rendered, every value HTML-encoded.</summary>
internal sealed class AdminPage(ConnectionStore connections, SyncRunStore runs)
{
    public async Task<string> RenderAsync(CancellationToken ct)
    {
        var all = await connections.ListAsync(ct);
        var last = await runs.GetLastRunsAsync(ct);
        var html = new StringBuilder("""
            <!doctype html><html><head><meta charset="utf-8"><title>KpiSync admin</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
            </head><body><h1>KpiSync</h1><h2>Connections</h2>
            <table><thead><tr><th>Name</th><th>CRM</th><th>Base URL</th><th>Time zone</th><th>Last sync</th><th>Status</th><th>Records</th><th>Quarantined</th><th>Error</th></tr></thead><tbody>
            """);
        foreach (var c in all)
        {
            var r = last.GetValueOrDefault(c.Id);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Name)}</td><td>{E(c.Kind)}</td><td>{E(c.BaseUrl.ToString())}</td><td>{E(c.TimeZone ?? "(from CRM)")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(r?.StartedAt.ToString("u", CultureInfo.InvariantCulture) ?? "never")}</td><td>{E(r?.Status ?? "")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{r?.Entities}</td><td>{r?.Quarantined}</td><td>{E(r?.Error ?? "")}</td></tr>");
        }

        if (all.Count == 0)
        {
            html.Append("<tr><td colspan=\"9\">No connections yet: <code>kpisync connections add amocrm …</code></td></tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
