using Microsoft.AspNetCore.Builder;

namespace KpiSync.CrmSimulator.Api;

/// <summary>The request pipeline: count, rate-limit, authenticate, then the amoCRM endpoints; anything else is a 404.</summary>
internal static class SimulatorEndpoints
{
    public static void MapSimulator(this WebApplication app, SimulatorRuntime runtime)
    {
        var rateLimit = new RateLimitMiddleware(runtime);
        var auth = new BearerAuthMiddleware(runtime);
        app.Use((context, next) =>
        {
            runtime.CountRequest();
            return next(context);
        });
        app.Use(rateLimit.InvokeAsync);
        app.Use(auth.InvokeAsync);
        app.UseRouting();
        OAuthEndpoints.Map(app, runtime);
        AccountEndpoints.Map(app, runtime);
        LeadEndpoints.Map(app, runtime);
        EventEndpoints.Map(app, runtime);
        NoteEndpoints.Map(app, runtime);
        TaskEndpoints.Map(app, runtime);
        CatalogEndpoints.Map(app, runtime);
        app.MapFallback("{*path}", context => Problems.NotFound($"No route for {context.Request.Method} {context.Request.Path}").WriteAsync(context));
    }
}
