using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KpiSync.Sync;

public static class SyncServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StreamRunner>();
        builder.Services.TryAddSingleton<Metrics.KpiSyncMetrics>();
        builder.Services.AddSingleton<ConnectionSynchronizer>();
        builder.Services.AddSingleton<LeadReconciler>();
        builder.Services.AddSingleton<QuarantineRetrier>();
        builder.Services.AddSingleton<InvoiceCatalogReader>();
        return builder;
    }
}
