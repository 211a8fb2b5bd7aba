using Hangfire.PostgreSql;
using Npgsql;

namespace KpiSync.Scheduling;

/// <summary>Hangfire's connections come from a data source of their own, so its polling workers cannot exhaust the
/// pool the syncs use (and show as application "kpisync-hangfire" in pg_stat_activity).</summary>
internal sealed class HangfireConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory, IDisposable
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();

    public void Dispose() => dataSource.Dispose();
}
