using KpiSync.Admin.Schemes;
using KpiSync.Crm;
using KpiSync.Kpis.Periods;
using KpiSync.Kpis.Schemes;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Schemes;

/// <summary>
/// Pay schemes of a connection: every version (who stored it, when, from which period), a new version pasted or
/// uploaded — its validation errors shown under the JSON lines they belong to, and nothing stored — scheme
/// assignments, and plans imported from CSV. Changes take effect from the next period (KPI.md) and are audited with
/// the signed-in admin's name.
/// </summary>
internal sealed partial class IndexModel(ConnectionStore connections, SchemeStore schemes, EmployeeDirectory employees, PlanStore plans,
    ILogger<IndexModel> logger) : PageModel
{
    private const long MaxUpload = 1 << 20;

    [BindProperty] public string? Connection { get; set; }

    [BindProperty] public string? Json { get; set; }

    [BindProperty] public IFormFile? SchemeFile { get; set; }

    [BindProperty] public string? From { get; set; }

    [BindProperty] public long? Employee { get; set; }

    [BindProperty] public string? AssignScheme { get; set; }

    [BindProperty] public string? AssignFrom { get; set; }

    [BindProperty] public string? PlansText { get; set; }

    [BindProperty] public IFormFile? PlansFile { get; set; }

    public ConnectionChoice Choice { get; private set; } = new([], null);

    public IReadOnlyList<SchemeVersionRow> Versions { get; private set; } = [];

    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];

    public IReadOnlyList<(long Id, string Name)> Employees { get; private set; } = [];

    /// <summary>The submitted JSON, line by line, with its errors; null unless an upload failed validation.</summary>
    public IReadOnlyList<AnnotatedLine>? Annotated { get; private set; }

    public int ErrorCount { get; private set; }

    public IReadOnlyList<string> PlanErrors { get; private set; } = [];

    public string EmployeeName(long id) => Employees.FirstOrDefault(e => e.Id == id).Name ?? $"user {id}";

    public async Task OnGetAsync(string? connection, string? template, CancellationToken ct)
    {
        await LoadAsync(connection, ct);
        if (template is not null && Versions.Where(v => v.Name == template).MaxBy(v => v.Version) is { } latest)
        {
            Json = SchemeJson.Write(SchemeJson.ParseStored(latest.Body).Scheme!);
        }
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (await LoadAsync(Connection, ct) is not { } c)
        {
            return NotFound();
        }

        var text = SchemeFile is { Length: > 0 } f ? await ReadAsync(f, nameof(SchemeFile), ct) : Json;
        Json = text;
        var from = Month(From, nameof(From));
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(nameof(Json), "Paste the scheme's JSON or choose a file.");
        }

        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var parsed = SchemeJson.Parse(text!);
        if (parsed.Scheme is not { } scheme)
        {
            (Annotated, ErrorCount) = (JsonPathLines.Annotate(text!, parsed.Errors), parsed.Errors.Count);
            return Invalid();
        }

        try
        {
            var (version, effective) = await schemes.AddVersionAsync(c.Id, scheme, c.ResolveTimeZone(), Actor, from, ct);
            logger.LogInformation("{User} stored scheme {Scheme} v{Version} of {Connection}", Actor, scheme.Name, version, c.Name);
            TempData["Notice"] = $"Scheme '{scheme.Name}' v{version} stored; in force from {(effective == SchemeStore.Always ? "every period" : effective)}. The next recompute applies it.";
            return RedirectToPage(new { connection = c.Name });
        }
        catch (StorageException e)
        {
            ModelState.AddModelError(nameof(From), e.Message);
            return Invalid();
        }
    }

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        if (await LoadAsync(Connection, ct) is not { } c)
        {
            return NotFound();
        }

        var from = Month(AssignFrom, nameof(AssignFrom));
        if (Employee is not { } employee || Employees.All(e => e.Id != employee))
        {
            ModelState.AddModelError(nameof(Employee), "Choose an employee.");
        }

        if (string.IsNullOrWhiteSpace(AssignScheme) || Versions.All(v => v.Name != AssignScheme))
        {
            ModelState.AddModelError(nameof(AssignScheme), "Choose a stored scheme.");
        }

        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        try
        {
            var effective = await schemes.AssignAsync(c.Id, Employee!.Value, AssignScheme!, c.ResolveTimeZone(), Actor, from, ct);
            logger.LogInformation("{User} assigned scheme {Scheme} to employee {Employee} of {Connection}", Actor, AssignScheme, Employee, c.Name);
            TempData["Notice"] = $"{EmployeeName(Employee.Value)} follows '{AssignScheme}' from {(effective == SchemeStore.Always ? "every period" : effective)}.";
            return RedirectToPage(new { connection = c.Name });
        }
        catch (StorageException e)
        {
            ModelState.AddModelError(nameof(AssignFrom), e.Message);
            return Invalid();
        }
    }

    private string Actor => User.Identity?.Name ?? "admin";

    private static PageResult Invalid() => new() { StatusCode = StatusCodes.Status400BadRequest };

    private async Task<CrmConnection?> LoadAsync(string? connection, CancellationToken ct)
    {
        Choice = await ConnectionChoice.ChooseAsync(connections, connection, ct);
        if (Choice.Chosen is not { } c || (connection is not null && c.Name != connection))
        {
            return null;
        }

        Connection = c.Name;
        Versions = await schemes.ListAsync(c.Id, ct);
        Assignments = await schemes.ListAssignmentsAsync(c.Id, ct);
        Employees = await employees.ListAsync(c.Id, ct);
        return c;
    }

    private MonthPeriod? Month(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (MonthPeriod.TryParse(text.Trim(), out var p))
        {
            return p;
        }

        ModelState.AddModelError(field, $"'{text}' is not a month (YYYY-MM).");
        return null;
    }

    private async Task<string?> ReadAsync(IFormFile file, string field, CancellationToken ct)
    {
        if (file.Length > MaxUpload)
        {
            ModelState.AddModelError(field, $"{file.FileName} is larger than {MaxUpload / 1024} KB.");
            return null;
        }

        using var reader = new StreamReader(file.OpenReadStream(), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }
}
