using System.Globalization;
using KpiSync.Scheduling;
using KpiSync.Storage;
using KpiSync.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Resync;

/// <summary>A full resync of one connection, or of a date range and chosen streams, after a confirmation step. It is
/// queued as a Hangfire job (one node runs it; another takes it over if that node dies), its range and streams stored
/// beside it.</summary>
internal sealed class IndexModel(ConnectionStore connections, CycleJobClient jobs, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty] public string? Connection { get; set; }

    [BindProperty] public string? From { get; set; }

    [BindProperty] public string? To { get; set; }

    [BindProperty] public List<string> Streams { get; set; } = [];

    public IReadOnlyList<string> Connections { get; private set; } = [];

    public bool Confirming { get; private set; }

    public bool IncludesLeads => Streams.Count == 0 || Streams.Contains(SyncStreams.Leads.Name);

    public async Task OnGetAsync(string? connection, CancellationToken ct)
    {
        Connection = connection;
        Connections = (await connections.ListAsync(ct)).Select(c => c.Name).ToList();
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        Confirming = await ValidateAsync(ct) is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (await ValidateAsync(ct) is not { } request)
        {
            return Page();
        }

        var job = await jobs.ResyncAsync(await connections.GetAsync(Connection!, ct), request, User.Identity?.Name, ct);
        logger.LogInformation("{User} queued a resync of {Connection}: {Scope} (job {Job})", User.Identity?.Name, Connection, Describe(), job);
        TempData["Notice"] = $"Resync of '{Connection}' queued ({Describe()}); its progress shows below.";
        TempData["Queued"] = true;
        return RedirectToPage("/Runs/Index", new { connection = Connection });
    }

    public string Describe()
    {
        var range = (From, To) switch
        {
            (null or "", null or "") => "everything",
            (null or "", var t) => $"everything up to {t}",
            (var f, null or "") => $"everything since {f}",
            var (f, t) => $"{f} to {t}",
        };
        return range + (Streams.Count == 0 ? " in every stream" : " in " + string.Join(", ", Streams));
    }

    private async Task<SyncRequest?> ValidateAsync(CancellationToken ct)
    {
        Connections = (await connections.ListAsync(ct)).Select(c => c.Name).ToList();
        if (Connection is null || !Connections.Contains(Connection))
        {
            ModelState.AddModelError(nameof(Connection), "Choose a connection.");
        }

        var from = Date(From, nameof(From));
        var to = Date(To, nameof(To))?.AddDays(1);
        if (from >= to)
        {
            ModelState.AddModelError(nameof(To), "'To' is before 'From'.");
        }

        var unknown = Streams.Except(ConnectionSynchronizer.StreamNames).ToList();
        if (unknown.Count > 0)
        {
            ModelState.AddModelError(nameof(Streams), "Unknown stream: " + string.Join(", ", unknown));
        }

        Streams = Streams.Distinct().Order(StringComparer.Ordinal).ToList();
        return ModelState.IsValid ? new SyncRequest(true, from, to, Streams.Count == 0 ? null : Streams.ToHashSet()) : null;
    }

    private DateTimeOffset? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return new DateTimeOffset(d, TimeSpan.Zero);
        }

        ModelState.AddModelError(field, $"'{text}' is not a date (YYYY-MM-DD).");
        return null;
    }
}
