using System.Globalization;
using KpiSync.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartz;

namespace KpiSync.Admin.Pages.Jobs;

/// <summary>Every Quartz job with its schedule, next and previous fire and last outcome; run now, pause, resume,
/// and change the cron (validated; the error shows beside the field, with what was typed).</summary>
internal sealed class IndexModel(JobBoard board, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<JobView> Jobs { get; private set; } = [];

    public string? CronError { get; private set; }

    public string? CronTrigger { get; private set; }

    public string? CronInput { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Jobs = await board.ListAsync(ct);

    public async Task<IActionResult> OnPostTriggerAsync(string group, string name, CancellationToken ct)
    {
        return await ActAsync(() => board.TriggerNowAsync(new JobKey(name, group), ct), "fired", group, name, $"{name} fired; a node of the cluster runs it now.");
    }

    public async Task<IActionResult> OnPostPauseAsync(string group, string name, CancellationToken ct)
    {
        return await ActAsync(() => board.PauseAsync(new JobKey(name, group), ct), "paused", group, name, $"{name} paused.");
    }

    public async Task<IActionResult> OnPostResumeAsync(string group, string name, CancellationToken ct)
    {
        return await ActAsync(() => board.ResumeAsync(new JobKey(name, group), ct), "resumed", group, name, $"{name} resumed.");
    }

    public async Task<IActionResult> OnPostCronAsync(string triggerGroup, string triggerName, string? cron, CancellationToken ct)
    {
        var key = new TriggerKey(triggerName, triggerGroup);
        if (await board.ChangeCronAsync(key, cron, ct) is { } error)
        {
            (CronError, CronTrigger, CronInput) = (error, key.ToString(), cron);
            Jobs = await board.ListAsync(ct);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        logger.LogInformation("{User} re-timed trigger {Trigger} to {Cron}", User.Identity?.Name, key, cron);
        TempData["Notice"] = $"{triggerName} now runs at '{cron?.Trim()}'.";
        return RedirectToPage();
    }

    private async Task<IActionResult> ActAsync(Func<Task> act, string verb, string group, string name, string notice)
    {
        try
        {
            await act();
            logger.LogInformation("{User} {Action} job {Group}.{Job}", User.Identity?.Name, verb, group, name);
            TempData["Notice"] = notice;
        }
        catch (InvalidOperationException e)
        {
            TempData["Error"] = e.Message;
        }

        return RedirectToPage();
    }

    public static string Time(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
}
