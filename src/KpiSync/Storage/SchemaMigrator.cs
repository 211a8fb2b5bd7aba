using System.Reflection;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>
/// Applies the embedded, numbered migration scripts once each, in order, under an advisory lock, before anything
/// else touches the database (STYLE rule 21), then installs or upgrades Hangfire's tables in schema
/// <see cref="HangfireSchema"/> under the same lock (Hangfire's nodes never create them: concurrent first boots race).
/// In Verify mode it only checks and fails when anything is missing.
/// </summary>
internal sealed class SchemaMigrator(NpgsqlDataSource dataSource, IOptions<StorageOptions> options, ILogger<SchemaMigrator> logger)
{
    private const string Bootstrap = """
        create schema if not exists kpisync;
        create table if not exists kpisync.schema_migrations (
            version    integer primary key,
            name       text not null,
            applied_at timestamptz not null default now());
        """;

    /// <summary>The schema of Hangfire's tables in our database.</summary>
    public const string HangfireSchema = "hangfire";

    private const string SelectApplied = "select version from kpisync.schema_migrations";
    private const string InsertApplied = "insert into kpisync.schema_migrations (version, name) values (@Version, @Name)";
    private const string Lock = "select pg_advisory_lock(hashtext('kpisync:schema'))";
    private const string Unlock = "select pg_advisory_unlock(hashtext('kpisync:schema'))";

    public async Task MigrateAsync(CancellationToken ct)
    {
        var scripts = Migration.LoadEmbedded();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Lock, cancellationToken: ct));
        try
        {
            if (options.Value.Migrations == MigrationMode.Verify)
            {
                await VerifyAsync(conn, scripts, ct);
                return;
            }

            await conn.ExecuteAsync(new CommandDefinition(Bootstrap, cancellationToken: ct));
            var applied = (await conn.QueryAsync<int>(new CommandDefinition(SelectApplied, cancellationToken: ct))).ToHashSet();
            var pending = scripts.Where(s => !applied.Contains(s.Version)).ToList();
            foreach (var script in pending)
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await conn.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, cancellationToken: ct));
                await conn.ExecuteAsync(new CommandDefinition(InsertApplied, new { script.Version, script.Name }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                logger.LogDebug("Applied migration {Version} {Name}", script.Version, script.Name);
            }

            // One line for the whole schema: one per script buried every start-up of a fresh database.
            var latest = scripts.Count > 0 ? scripts[^1].Version : 0;
            if (pending.Count == 0)
            {
                logger.LogInformation("Migrations up to date ({Version})", latest);
            }
            else
            {
                logger.LogInformation("Applied {Count} migrations, now at {Version}", pending.Count, latest);
            }

            // Idempotent: the installer skips the scripts its version table says are applied.
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(conn, HangfireSchema);
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition(Unlock, cancellationToken: CancellationToken.None));
        }
    }

    private static async Task VerifyAsync(NpgsqlConnection conn, IReadOnlyList<Migration> scripts, CancellationToken ct)
    {
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select to_regclass('kpisync.schema_migrations') is not null", cancellationToken: ct));
        var applied = exists
            ? (await conn.QueryAsync<int>(new CommandDefinition(SelectApplied, cancellationToken: ct))).ToHashSet()
            : [];
        var missing = scripts.Where(s => !applied.Contains(s.Version)).Select(s => s.Name).ToList();
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition($"select to_regclass('{HangfireSchema}.job') is not null", cancellationToken: ct)))
        {
            missing.Add($"Hangfire's tables (schema {HangfireSchema})");
        }

        if (missing.Count > 0)
        {
            throw new StorageException($"Storage:Migrations is Verify but migrations are missing: {string.Join(", ", missing)}. Run 'kpisync migrate'.");
        }
    }

    internal sealed record Migration(int Version, string Name, string Sql)
    {
        public static IReadOnlyList<Migration> LoadEmbedded()
        {
            var assembly = Assembly.GetExecutingAssembly();
            const string Prefix = "KpiSync.Storage.Migrations.";
            return assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n =>
                {
                    var name = n[Prefix.Length..^4];
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                    return new Migration(int.Parse(name.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
                })
                .OrderBy(m => m.Version)
                .ToList();
        }
    }
}
