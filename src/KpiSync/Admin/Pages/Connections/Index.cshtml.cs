using System.Globalization;
using KpiSync.Crm;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Connections;

/// <summary>Every connection with its health: status and why, last sync, lag since the last successful one, each stream's cursor, last error.</summary>
internal sealed class IndexModel(ConnectionStore connections, SyncRunStore runs, SyncCursorStore cursors, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var last = await runs.GetLastRunsAsync(ct);
        var success = await runs.GetLastSuccessAsync(ct);
        var failures = await connections.GetCycleFailuresAsync(ct);
        var rows = new List<Row>();
        foreach (var c in await connections.ListAsync(ct))
        {
            var run = last.GetValueOrDefault(c.Id);
            rows.Add(new Row(c, run, success.TryGetValue(c.Id, out var s) ? s : null, await cursors.GetAllAsync(c.Id, ct),
                run is { Status: "failed" or "cancelled" } ? run.Error : null, failures.GetValueOrDefault(c.Id)));
        }

        Rows = rows;
    }

    public async Task<IActionResult> OnPostResumeAsync(string name, CancellationToken ct)
    {
        var c = await connections.GetAsync(name, ct);
        await connections.SetStatusAsync(c.Id, ConnectionStatus.Active, null);
        TempData["Notice"] = $"'{c.Name}' is active again; its next cycle calls the CRM.";
        return RedirectToPage();
    }

    public string Lag(Row row) => row.LastSuccess is { } at ? Format(time.GetUtcNow() - new DateTimeOffset(at, TimeSpan.Zero)) : "—";

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Format(TimeSpan t) => t.TotalSeconds < 0 ? "0 s"
        : t.TotalMinutes < 2 ? $"{t.TotalSeconds:0} s"
        : t.TotalHours < 2 ? $"{t.TotalMinutes:0} min"
        : t.TotalDays < 2 ? $"{t.TotalHours:0.#} h"
        : $"{t.TotalDays:0.#} d";

    public sealed record Row(CrmConnection Connection, SyncRunRow? Last, DateTime? LastSuccess, IReadOnlyDictionary<string, long> Cursors, string? LastError,
        ConnectionStore.CycleFailure? CycleFailure)
    {
        public string Health => ConnectionStore.Health(Connection, CycleFailure);
    }
}
