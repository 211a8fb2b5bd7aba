using KpiSync.Crm.AmoCrm;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KpiSync.Crm;

public static class CrmServiceCollectionExtensions
{
    /// <summary>The CRM clients with auth and resilience as handlers (STYLE rule 12).</summary>
    public static IHostApplicationBuilder AddCrmClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CrmOptions>().BindConfiguration(CrmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<CrmRateLimiters>();
        builder.Services.AddTransient<CrmAuthHandler>();
        builder.Services.AddTransient<CrmResilienceHandler>();
        builder.Services.AddHttpClient(AmoCrmClientFactory.HttpClientName, c =>
            {
                // Per-attempt timeouts belong to the resilience handler; this only bounds a whole call with its retries.
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.DefaultRequestHeaders.UserAgent.ParseAdd("KpiSync/1.0");
            })
            .AddHttpMessageHandler<CrmResilienceHandler>()
            .AddHttpMessageHandler<CrmAuthHandler>();
        builder.Services.TryAddSingleton<AmoCrmClientFactory>();
        return builder;
    }
}
