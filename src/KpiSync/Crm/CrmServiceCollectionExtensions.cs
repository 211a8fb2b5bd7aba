using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.Auth;
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
        builder.Services.TryAddSingleton<Metrics.KpiSyncMetrics>();
        builder.Services.TryAddSingleton<CrmResiliencePipelines>();
        builder.Services.TryAddSingleton<CrmTokenProvider>();
        builder.Services.TryAddSingleton<AmoCrmOAuthClient>();
        builder.Services.AddTransient<CrmAuthHandler>();
        builder.Services.AddTransient<CrmResilienceHandler>();
        builder.Services.AddTransient<CrmAccountStateHandler>();
        // Named handler chains; the Refit clients over them are made per connection (AmoCrmRefit).
        builder.Services.AddHttpClient(AmoCrmClientFactory.HttpClientName)
            .AddHttpMessageHandler<CrmAccountStateHandler>()
            .AddHttpMessageHandler<CrmResilienceHandler>()
            .AddHttpMessageHandler<CrmAuthHandler>();
        builder.Services.AddHttpClient(AmoCrmOAuthClient.HttpClientName)
            .AddHttpMessageHandler<CrmAccountStateHandler>()
            .AddHttpMessageHandler<CrmResilienceHandler>();
        builder.Services.TryAddSingleton<AmoCrmClientFactory>();
        return builder;
    }
}
