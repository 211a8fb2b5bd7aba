using Polly;

namespace KpiSync.Crm;

/// <summary>Paces, retries and times out every CRM call through its connection's pipeline (<see cref="CrmResiliencePipelines"/>).</summary>
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

            return await pipelines.For(connectionId).ExecuteAsync(async ctx =>
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

                return response;
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
