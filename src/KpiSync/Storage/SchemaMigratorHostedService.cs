
namespace KpiSync.Storage;

/// <summary>Runs the migrator at start-up, registered before Hangfire's server so no job runs on an old schema.</summary>
internal sealed class SchemaMigratorHostedService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
