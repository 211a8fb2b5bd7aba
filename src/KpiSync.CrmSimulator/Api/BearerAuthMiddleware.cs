using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// Every /api/v4 call needs a Bearer token: the long-lived one or an unexpired issued one. Accepted calls
/// are counted for <see cref="SimulatorFaults.RevokeTokenAfter"/>.
/// </summary>
internal sealed class BearerAuthMiddleware(SimulatorRuntime runtime)
{
    private const string Scheme = "Bearer ";
    private int _accepted;
    private int _revoked;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api/v4", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        if (token.Length == 0 || !runtime.Tokens.IsValid(token, runtime.Time.GetUtcNow()))
        {
            return Problems.Unauthorized().WriteAsync(context);
        }

        var accepted = Interlocked.Increment(ref _accepted);
        if (runtime.Faults.RevokeTokenAfter is { } limit && accepted >= limit && Interlocked.Exchange(ref _revoked, 1) == 0)
        {
            // The request that reaches the limit is still served; the revocation hits the ones after it.
            runtime.Tokens.RevokeAccessTokens();
        }

        return next(context);
    }
}
