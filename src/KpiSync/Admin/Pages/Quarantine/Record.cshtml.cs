using KpiSync.Crm;
using KpiSync.Storage;
using KpiSync.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Quarantine;

/// <summary>One quarantined record: its raw JSON (HTML-encoded) and reason; retry reads it again from the CRM through
/// the sync's own stream code, dismiss accepts that it will not be used.</summary>
internal sealed class RecordModel(ConnectionStore connections, QuarantineStore quarantine, QuarantineRetrier retrier, ILogger<RecordModel> logger) : PageModel
{
    public string Connection { get; private set; } = "";

    public QuarantineRow Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string connection, long id, CancellationToken ct) =>
        await LoadAsync(connection, id, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostRetryAsync(string connection, long id, CancellationToken ct)
    {
        if (await LoadAsync(connection, id, ct) is not { } c)
        {
            return NotFound();
        }

        try
        {
            var (resolved, outcome) = await retrier.RetryAsync(c, id, ct);
            TempData[resolved ? "Notice" : "Error"] = $"Entry {id}: {outcome}.";
        }
        catch (Exception e) when (e is CrmApiException or ConnectionUnavailableException or Crm.Auth.CrmAuthorizationException or InvalidOperationException)
        {
            TempData["Error"] = $"Entry {id} could not be retried: {e.Message}";
        }

        logger.LogInformation("{User} retried quarantine entry {Id} of {Connection}", User.Identity?.Name, id, c.Name);
        return RedirectToPage(new { connection, id });
    }

    public async Task<IActionResult> OnPostDismissAsync(string connection, long id, CancellationToken ct)
    {
        if (await LoadAsync(connection, id, ct) is not { } c)
        {
            return NotFound();
        }

        await quarantine.DismissAsync(c.Id, id, ct);
        logger.LogInformation("{User} dismissed quarantine entry {Id} of {Connection}", User.Identity?.Name, id, c.Name);
        TempData["Notice"] = $"Entry {id} dismissed; it stays dismissed unless the record changes in the CRM.";
        return RedirectToPage(new { connection, id });
    }

    private async Task<CrmConnection?> LoadAsync(string connection, long id, CancellationToken ct)
    {
        var c = await connections.FindAsync(connection, ct);
        var entry = c is null ? null : await quarantine.GetAsync(c.Id, id, ct);
        if (entry is null)
        {
            return null;
        }

        (Connection, Entry) = (c!.Name, entry);
        return c;
    }
}
