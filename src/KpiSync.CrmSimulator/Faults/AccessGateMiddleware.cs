using KpiSync.CrmSimulator.Api;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Faults;

/// <summary>
/// Account-level refusals. A blocked account gets nginx's 403 page on every request, the token endpoint
/// included (amocrm-api-php#434, #563); an unpaid one gets 402 on every /api/v4 call.
/// </summary>
internal sealed class AccessGateMiddleware(SimulatorRuntime runtime)
{
    public Task BlockAsync(HttpContext context, RequestDelegate next) =>
        runtime.Blocked ? NginxPage.WriteAsync(context, StatusCodes.Status403Forbidden) : next(context);

    public Task PaymentAsync(HttpContext context, RequestDelegate next) =>
        runtime.Unpaid && context.Request.Path.StartsWithSegments("/api/v4", StringComparison.OrdinalIgnoreCase)
            ? Problems.PaymentRequired().WriteAsync(context)
            : next(context);
}
