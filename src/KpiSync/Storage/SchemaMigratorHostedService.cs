
namespace KpiSync.Storage;

/// <summary>Runs the migrator at start-up, registered before Quartz so the scheduler never sees an old schema.</summary>
internal sealed class SchemaMigratorHostedService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
