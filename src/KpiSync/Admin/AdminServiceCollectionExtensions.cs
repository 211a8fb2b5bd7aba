using KpiSync.Webhooks;

namespace KpiSync.Admin;

public static class AdminServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AdminPage>();
        return builder;
    }

    /// <summary>/health for load balancers and the read-only /admin overview.</summary>
    public static WebApplication MapKpiSyncEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", HealthEndpoint.CheckAsync);
        app.MapGet("/admin", async (AdminPage page, CancellationToken ct) => Results.Content(await page.RenderAsync(ct), "text/html; charset=utf-8"));
        app.MapWebhookEndpoints();
        return app;
    }
}
