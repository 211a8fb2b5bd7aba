using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>Every /api/v4 call needs a Bearer token: the long-lived one or an unexpired issued one.</summary>
internal sealed class BearerAuthMiddleware(SimulatorRuntime runtime)
{
    private const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api/v4", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        return token.Length > 0 && runtime.Tokens.IsValid(token, runtime.Time.GetUtcNow())
            ? next(context)
            : Problems.Unauthorized().WriteAsync(context);
    }
}
