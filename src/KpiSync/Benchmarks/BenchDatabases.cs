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
    public const string Fleet = "kpisync_bench_fleet";

    // Identifiers cannot be parameters; only the constants above are ever formatted in (checked in Recreate).
    private const string Drop = "drop database if exists {0} with (force)";
    private const string Create = "create database {0}";

    /// <summary>Drops and creates <paramref name="name"/>; returns a connection string pointing at it.</summary>
    public Task<string> RecreateAsync(string name, CancellationToken ct) => RunAsync(name, [Drop, Create], ct);

    /// <summary>
    /// Drops <paramref name="name"/> and creates it as a copy of its saved state (<see cref="SaveAsync"/>); null when
    /// none was saved. For iterating on one stage: the data need not be generated again.
    /// </summary>
    public async Task<string?> RestoreAsync(string name, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("select exists (select 1 from pg_database where datname = @name)", conn);
            cmd.Parameters.AddWithValue("name", name + SavedSuffix);
            if (!(bool)(await cmd.ExecuteScalarAsync(ct))!)
            {
                return null;
            }
        }

        // FILE_COPY: the default strategy writes the whole copy through the WAL, and the checkpoints it sets off slowed
        // the timed runs' writes that follow by half.
        return await RunAsync(name, [Drop, "create database {0} template {0}" + SavedSuffix + " strategy file_copy"], ct);
    }

    /// <summary>Saves <paramref name="name"/> as it is now (no connection may be open to it).</summary>
    public Task<string> SaveAsync(string name, CancellationToken ct) =>
        RunAsync(name, ["drop database if exists {0}" + SavedSuffix + " with (force)", "create database {0}" + SavedSuffix + " template {0} strategy file_copy"], ct);

    private const string SavedSuffix = "_saved";

    private async Task<string> RunAsync(string name, string[] statements, CancellationToken ct)
    {
        if (name is not (PhaseA or PhaseB or WarmUp or Recompute or Fleet))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "not a benchmark database");
        }

        // No pooling: a pooled idle connection to the dropped database would linger until the pool prunes it.
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync(ct);
            foreach (var sql in statements)
            {
                await using var cmd = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, name), conn);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }
}
