using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;

namespace KpiSync.Admin.Pages.Schemes;

internal sealed partial class IndexModel
{
    /// <summary>Plans from CSV (pasted or uploaded), as <c>plans import</c> reads them: every line is checked and
    /// nothing is stored unless all are valid.</summary>
    public async Task<IActionResult> OnPostPlansAsync(CancellationToken ct)
    {
        if (await LoadAsync(Connection, ct) is not { } c)
        {
            return NotFound();
        }

        var text = PlansFile is { Length: > 0 } f ? await ReadAsync(f, nameof(PlansFile), ct) : PlansText;
        PlansText = text;
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(nameof(PlansText), "Paste the plans or choose a CSV file.");
        }

        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var lines = text!.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var (rows, errors) = PlanCsv.Parse(lines, await employees.LoadAsync(c.Id, ct));
        if (errors.Count > 0)
        {
            PlanErrors = errors;
            return Invalid();
        }

        var changed = await plans.ImportAsync(c.Id, rows, ct);
        logger.LogInformation("{User} imported {Plans} plans into {Connection}", Actor, rows.Count, c.Name);
        TempData["Notice"] = $"Imported {rows.Count} plans ({changed} new or changed). The next recompute applies them.";
        return RedirectToPage(new { connection = c.Name });
    }
}
