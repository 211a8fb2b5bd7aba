using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using KpiSync.Scheduling;
using Microsoft.AspNetCore.Authorization;

namespace KpiSync.Admin;

/// <summary>
/// Hangfire's dashboard at <c>/admin/jobs</c>: recurring jobs with "Trigger now", queued, processing, succeeded,
/// failed and retried jobs, and the servers. It sits behind our admin sign-in (a policy on our cookie scheme, instead of
/// Hangfire's local-requests-only default), with Hangfire's antiforgery check on every POST, the connection string
/// hidden, and links back to our pages: the menu's "Runs", and on every job's details its run on our Runs page.
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/admin/jobs";
    public const string Policy = "kpisync-admin";

    // Hangfire's menu and job-details renderers are process-wide: add ours once, however many hosts a process builds.
    private static int _extended;

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, p => p.AddAuthenticationSchemes(AdminSession.Scheme).RequireAuthenticatedUser());

    public static void MapJobsDashboard(this WebApplication app)
    {
        ExtendOnce();
        var names = app.Services.GetRequiredService<JobNames>();
        app.MapHangfireDashboardWithAuthorizationPolicy(Policy, Path, new DashboardOptions
        {
            AppPath = "/admin",
            DashboardTitle = "KpiSync jobs",
            DisplayStorageConnectionString = false,
            DarkModeEnabled = false,
            DisplayNameFunc = (_, job) => names.Describe(job).Title,
        }, app.Services.GetRequiredService<JobStorage>());
    }

    private static void ExtendOnce()
    {
        if (Interlocked.Exchange(ref _extended, 1) == 1)
        {
            return;
        }

        // Relative to the dashboard's own URL, so a path base (reverse proxy) carries over.
        NavigationMenu.Items.Add(page => new MenuItem("KpiSync runs", page.Url.To("/../runs")));
        GlobalConfiguration.Configuration.UseJobDetailsRenderer(10, dto => new NonEscapedString(
            $"<div class=\"alert alert-info\">Pages, records, retries and errors of this job's cycle: "
            + $"<a href=\"{dto.Page.Url.To("/../runs")}?job={WebUtility.UrlEncode(dto.JobId)}\">KpiSync runs for job #{WebUtility.HtmlEncode(dto.JobId)}</a></div>"));
    }
}
