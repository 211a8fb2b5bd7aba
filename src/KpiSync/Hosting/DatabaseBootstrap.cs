using KpiSync.Storage;
using Serilog.Extensions.Logging;

namespace KpiSync.Hosting;

/// <summary>Uses ConnectionStrings:KpiSync when set; otherwise starts the private PostgreSQL and points the configuration at it.</summary>
internal static class DatabaseBootstrap
{
    public static async Task<IAsyncDisposable?> ResolveAsync(IConfigurationManager configuration, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName)))
        {
            return null;
        }

        var directory = configuration[StorageOptions.SectionName + ":" + nameof(StorageOptions.EmbeddedDirectory)] is { Length: > 0 } d ? d : ".kpisync/pg";
        using var serilog = KpiSyncLogging.Create(configuration, new LogRouting());
        using var factory = new SerilogLoggerFactory(serilog);
        var pg = await EmbeddedPostgres.StartAsync(directory, factory.CreateLogger("KpiSync.Storage"), ct);
        configuration["ConnectionStrings:" + StorageServiceCollectionExtensions.ConnectionStringName] = pg.ConnectionString;
        return pg;
    }
}
