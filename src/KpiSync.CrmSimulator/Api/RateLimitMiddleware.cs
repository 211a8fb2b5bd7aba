using KpiSync.CrmSimulator.Faults;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// amoCRM's 7 requests/second: a sliding one-second window over accepted requests. Rejections get
/// nginx's HTML 429 page and no Retry-After, like the real service (amocrm-api-php#526).
/// </summary>
internal sealed class RateLimitMiddleware(SimulatorRuntime runtime)
{
    private static readonly TimeSpan _window = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly Queue<long> _accepted = new();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (runtime.Options.RequestsPerSecond <= 0 || TryAccept())
        {
            await next(context);
            return;
        }

        runtime.CountRateLimited();
        await NginxPage.WriteAsync(context, StatusCodes.Status429TooManyRequests);
    }

    private bool TryAccept()
    {
        var time = runtime.Time;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            while (_accepted.Count > 0 && time.GetElapsedTime(_accepted.Peek(), now) >= _window)
            {
                _accepted.Dequeue();
            }

            if (_accepted.Count >= runtime.Options.RequestsPerSecond)
            {
                return false;
            }

            _accepted.Enqueue(now);
            return true;
        }
    }
}
