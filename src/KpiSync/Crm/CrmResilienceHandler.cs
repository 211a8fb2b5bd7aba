using Polly;

namespace KpiSync.Crm;

/// <summary>Paces, retries and times out every CRM call through its connection's pipeline (<see cref="CrmResiliencePipelines"/>);
/// an attempt ends only once a successful answer's body is read whole and is JSON.</summary>
internal sealed class CrmResilienceHandler(CrmRateLimiters limiters, CrmResiliencePipelines pipelines, Metrics.KpiSyncMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Requests before a connection exists (the OAuth code exchange) share pipeline 0 and are not paced.
        var connectionId = request.Options.TryGetValue(CrmRequestOptions.Connection, out var connection) ? connection.Id : 0;
        var pacer = connection is null ? null : limiters.For(connectionId);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var attempts = 0;
        try
        {
            if (request.Options.TryGetValue(CrmResiliencePipelines.NotIdempotent, out var notIdempotent))
            {
                context.Properties.Set(CrmResiliencePipelines.NotIdempotentProperty, notIdempotent);
            }

            if (connection is not null && pipelines.IsSimulator(connection.BaseUrl))
            {
                context.Properties.Set(CrmResiliencePipelines.SimulatorProperty, true);
            }

            var check = request.Options.TryGetValue(CrmRequestOptions.Check, out var isCheck) && isCheck;
            return await (check ? pipelines.ForCheck() : pipelines.For(connectionId)).ExecuteAsync(async ctx =>
            {
                if (pacer is not null)
                {
                    await pacer.WaitAsync(ctx.CancellationToken);
                }

                var label = connection?.Name ?? "(oauth)";
                if (attempts++ > 0)
                {
                    metrics.CrmRetry(label);
                }

                metrics.CrmRequest(label);
                var response = await base.SendAsync(request, ctx.CancellationToken);
                if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                {
                    metrics.CrmRateLimited(label);
                }

                return await ReadBodyAsync(response, ctx.CancellationToken);
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A successful answer's body is read whole within its attempt: sending, the status, reading and checking the body
    /// are one unit, retried together, so a body that breaks off is retried like a 5xx instead of failing its caller.
    /// </summary>
    private static async Task<HttpResponseMessage> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return response;
        }

        try
        {
            var original = response.Content;
            response.Content = await BufferedJsonContent.ReadAsync(original, ct);
            original.Dispose();
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
