using KpiSync.Admin.Exports;
using KpiSync.Admin.Kpis;
using KpiSync.Metrics;
using KpiSync.Webhooks;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KpiSync.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The dashboard (Razor Pages under /admin behind a cookie sign-in), /health and /metrics.</summary>
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddHostedService<AdminBootstrapper>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<OAuthFlow>();
        services.AddSingleton<KpiBoardReader>();
        services.TryAddSingleton<KpiSyncMetrics>();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Admin/Pages";
            o.Conventions.Add(new AdminRouteConvention());
            o.Conventions.AllowAnonymousToPage("/Login");
        })
        // The pages are found in this assembly whichever assembly hosts it (the tests' host is their own).
        .AddApplicationPart(typeof(AdminOptions).Assembly);
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddAuthentication(AdminSession.Scheme).AddCookie(AdminSession.Scheme, o =>
        {
            o.LoginPath = "/admin/login";
            o.LogoutPath = "/admin/logout";
            o.AccessDeniedPath = "/admin/login";
            o.Cookie.Name = AdminSession.CookieName;
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: the amoCRM OAuth redirect back to the dashboard is a cross-site top-level GET that needs the session.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = AdminSession.ValidateAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(AdminSession.Scheme)
            .Configure<IOptions<AdminOptions>>((o, admin) => o.ExpireTimeSpan = admin.Value.SessionLifetime);
        // Secure by default: an endpoint that says nothing needs a signed-in admin; /health, /metrics and the
        // webhooks opt out explicitly.
        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            JobsDashboard.AddPolicy(o);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "kpisync.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // X-Forwarded-For/-Proto are trusted from loopback proxies only (the default KnownProxies), so the login
        // limit sees real client addresses behind a local reverse proxy and cannot be fooled by a header from outside.
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return builder;
    }

    /// <summary>/health and /metrics for operations, the webhooks, and the dashboard under /admin (Hangfire's at /admin/jobs).</summary>
    public static WebApplication MapKpiSyncEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase), a =>
        {
            // An empty 404 (an unknown address, a record that is not there) gets the dashboard's page with a way back.
            a.UseStatusCodePagesWithReExecute("/admin/notfound");
            a.Use(async (context, next) =>
            {
                await next();
                // Only a 404 gets the page: a 400 or 403 (a missing antiforgery token, here or in Hangfire's dashboard) stays bare.
                if (context.Response.StatusCode != StatusCodes.Status404NotFound && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }
            });
            a.Use(AdminHeaders.ApplyAsync);
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health", HealthEndpoint.CheckAsync).AllowAnonymous();
        app.MapGet("/metrics", MetricsEndpoint.WriteAsync).AllowAnonymous();
        app.MapGet("/admin/runs/progress", RunsProgressEndpoint.GetAsync);
        app.MapExportEndpoints();
        app.MapRazorPages();
        app.MapJobsDashboard();
        app.MapWebhookEndpoints();
        return app;
    }
}
