using Npgsql;

namespace KpiSync.Benchmarks;

/// <summary>
/// Fresh databases for benchmark phases, on the server of the configured (or private) database, so each phase
/// starts empty and its numbers do not depend on what an earlier run left. They are left in place afterwards for
/// inspection; the next run drops them.
/// </summary>
internal sealed class BenchDatabases(string serverConnectionString)
{
    public const string PhaseA = "kpisync_bench_a";
    public const string PhaseB = "kpisync_bench_b";
    public const string WarmUp = "kpisync_bench_warmup";
    public const string Recompute = "kpisync_bench_recompute";

    // Identifiers cannot be parameters; only the constants above are ever formatted in (checked in Recreate).
    private const string Drop = "drop database if exists {0} with (force)";
    private const string Create = "create database {0}";

    /// <summary>Drops and creates <paramref name="name"/>; returns a connection string pointing at it.</summary>
    public async Task<string> RecreateAsync(string name, CancellationToken ct)
    {
        if (name is not (PhaseA or PhaseB or WarmUp or Recompute))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "not a benchmark database");
        }

        // No pooling: a pooled idle connection to the dropped database would linger until the pool prunes it.
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync(ct);
            foreach (var sql in (string[])[Drop, Create])
            {
                await using var cmd = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, name), conn);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }
}
