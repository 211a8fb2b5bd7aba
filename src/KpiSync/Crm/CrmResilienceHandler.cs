using Polly;

namespace KpiSync.Crm;

/// <summary>Paces, retries and times out every CRM call through its connection's pipeline (<see cref="CrmResiliencePipelines"/>).</summary>
internal sealed class CrmResilienceHandler(CrmRateLimiters limiters, CrmResiliencePipelines pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(CrmRequestOptions.Connection, out var connection))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var pacer = limiters.For(connection.Id);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            if (request.Options.TryGetValue(CrmResiliencePipelines.NotIdempotent, out var notIdempotent))
            {
                context.Properties.Set(new ResiliencePropertyKey<bool>(CrmResiliencePipelines.NotIdempotent.Key), notIdempotent);
            }

            return await pipelines.For(connection.Id).ExecuteAsync(async ctx =>
            {
                if (pacer is not null)
                {
                    await pacer.WaitAsync(ctx.CancellationToken);
                }

                return await base.SendAsync(request, ctx.CancellationToken);
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
