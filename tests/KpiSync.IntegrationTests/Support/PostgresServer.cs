using KpiSync.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

[assembly: AssemblyFixture(typeof(KpiSync.IntegrationTests.Support.PostgresServer))]

// The integration tests drive Linux tools (initdb, pg_ctl, runuser) and run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace KpiSync.IntegrationTests.Support;

/// <summary>
/// The PostgreSQL every integration test uses: KPISYNC_TEST_DB when set, otherwise a private cluster started the
/// same way the service starts its own (initdb/pg_ctl, loopback, a temp folder) for the whole test run. Never skips:
/// no PostgreSQL means failing tests with the reason.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private EmbeddedPostgres? _embedded;
    private string? _root;
    private int _databases;

    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("KPISYNC_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            AdminConnectionString = configured;
            return;
        }

        _root = Path.Combine(Path.GetTempPath(), "kpisync-tests-" + Environment.ProcessId);
        _embedded = await EmbeddedPostgres.StartAsync(_root, NullLogger.Instance, CancellationToken.None);
        AdminConnectionString = _embedded.ConnectionString;
    }

    /// <summary>A new, empty database for one test class; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string hint)
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray())}_{Environment.ProcessId}";
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {name}", conn);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }

        if (_root is not null)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the next run uses another name.
            }
        }
    }
}
