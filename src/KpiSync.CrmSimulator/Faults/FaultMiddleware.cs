using KpiSync.CrmSimulator.Api;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Faults;

/// <summary>
/// Rolls <see cref="SimulatorFaults"/> for every /api/v4 and token request that passed the rate limiter:
/// slow, then dropped, 429, 5xx, and finally a broken success (cut, truncated or HTML) for an /api/v4 read or a
/// lost answer for an /api/v4 write. Each applied fault counts once in FaultCount.
/// </summary>
internal sealed class FaultMiddleware(SimulatorRuntime runtime)
{
    private static readonly int[] _serverErrors = [StatusCodes.Status500InternalServerError, StatusCodes.Status502BadGateway,
        StatusCodes.Status503ServiceUnavailable, StatusCodes.Status504GatewayTimeout];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api/v4", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/oauth2/access_token", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var faults = runtime.Faults;
        var dice = new FaultDice(faults.Seed, runtime.NextFaultSequence());
        if (dice.Roll(FaultKind.Slow) < faults.Slow)
        {
            runtime.CountFault();
            try
            {
                await Task.Delay(faults.SlowDelay, runtime.Time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        if (dice.Roll(FaultKind.Dropped) < faults.Dropped)
        {
            runtime.CountFault();
            context.Abort();
            return;
        }

        if (dice.Roll(FaultKind.TooManyRequests) < faults.TooManyRequests)
        {
            runtime.CountFault();
            await NginxPage.WriteAsync(context, StatusCodes.Status429TooManyRequests);
            return;
        }

        if (dice.Roll(FaultKind.ServerError) < faults.ServerErrors)
        {
            runtime.CountFault();
            await WriteServerErrorAsync(context, _serverErrors[(int)(dice.Roll(FaultKind.ServerErrorStatus) * _serverErrors.Length)]);
            return;
        }

        var responseFault = ResponseFaultOf(context, faults, dice);
        if (responseFault is null)
        {
            await next(context);
            return;
        }

        ResponseFault.Mark(context, runtime, responseFault.Value);
        await next(context);
    }

    /// <summary>
    /// The fault, if any, for the response this request will get: a broken success for reads, a lost answer for
    /// writes. Each kind has its own die; when several come up, the first listed wins, so one response carries
    /// one fault and counts once.
    /// </summary>
    private static FaultKind? ResponseFaultOf(HttpContext context, SimulatorFaults faults, FaultDice dice)
    {
        if (!context.Request.Path.StartsWithSegments("/api/v4", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var method = context.Request.Method;
        if (HttpMethods.IsGet(method))
        {
            return dice.Roll(FaultKind.MalformedPage) < faults.MalformedPages ? FaultKind.MalformedPage
                : dice.Roll(FaultKind.TruncatedBody) < faults.TruncatedBodies ? FaultKind.TruncatedBody
                : dice.Roll(FaultKind.NonJsonOk) < faults.NonJsonOk ? FaultKind.NonJsonOk
                : null;
        }

        return (HttpMethods.IsPost(method) || HttpMethods.IsPatch(method)) && dice.Roll(FaultKind.LostWriteResponse) < faults.LostWriteResponses
            ? FaultKind.LostWriteResponse
            : null;
    }

    private static Task WriteServerErrorAsync(HttpContext context, int status) =>
        status is StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout
            ? NginxPage.WriteAsync(context, status)
            : Problems.ServerError(status).WriteAsync(context);
}
