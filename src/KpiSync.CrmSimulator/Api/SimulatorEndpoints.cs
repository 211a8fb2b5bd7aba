using KpiSync.CrmSimulator.Faults;
using KpiSync.CrmSimulator.Webhooks;
using Microsoft.AspNetCore.Builder;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// The request pipeline: count, refuse a blocked account, rate-limit, inject faults, refuse an unpaid
/// account, authenticate, then the amoCRM endpoints; anything else is a 404.
/// </summary>
internal static class SimulatorEndpoints
{
    public static void MapSimulator(this WebApplication app, SimulatorRuntime runtime)
    {
        var gate = new AccessGateMiddleware(runtime);
        var rateLimit = new RateLimitMiddleware(runtime);
        var faults = new FaultMiddleware(runtime);
        var auth = new BearerAuthMiddleware(runtime);
        app.Use((context, next) =>
        {
            runtime.CountRequest();
            return next(context);
        });
        app.Use(gate.BlockAsync);
        app.Use(rateLimit.InvokeAsync);
        app.Use(faults.InvokeAsync);
        app.Use(gate.PaymentAsync);
        app.Use(auth.InvokeAsync);
        app.UseRouting();
        OAuthEndpoints.Map(app, runtime);
        OAuthConsentEndpoint.Map(app, runtime);
        AccountEndpoints.Map(app, runtime);
        LeadEndpoints.Map(app, runtime);
        LeadFieldEndpoints.Map(app, runtime);
        EventEndpoints.Map(app, runtime);
        NoteEndpoints.Map(app, runtime);
        TaskEndpoints.Map(app, runtime);
        CatalogEndpoints.Map(app, runtime);
        WebhookEndpoints.Map(app, runtime);
        app.MapFallback("{*path}", context => Problems.NotFound($"No route for {context.Request.Method} {context.Request.Path}").WriteAsync(context));
    }
}
