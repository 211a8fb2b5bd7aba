using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>
/// A private PostgreSQL cluster under a folder of ours (loopback only, its own port, a generated password),
/// used when no connection string is configured. Started on demand; stopped on dispose only by the process
/// that started it, so a second command run alongside reuses the running cluster.
/// </summary>
internal sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string Database = "kpisync";
    private const string User = "kpisync";
    private readonly string _root;
    private readonly PostgresBinaries _bin;
    private readonly ILogger _logger;
    private bool _startedHere;

    private EmbeddedPostgres(string root, PostgresBinaries bin, ILogger logger)
    {
        _root = root;
        _bin = bin;
        _logger = logger;
    }

    public string ConnectionString { get; private set; } = "";

    private string DataDir => Path.Combine(_root, "data");

    public static async Task<EmbeddedPostgres> StartAsync(string root, ILogger logger, CancellationToken ct)
    {
        var bin = PostgresBinaries.Locate();
        var pg = new EmbeddedPostgres(await ReachableRootAsync(Path.GetFullPath(root), logger, ct), bin, logger);
        await pg.StartCoreAsync(ct);
        return pg;
    }

    /// <summary>
    /// As root the cluster runs as 'postgres', who may not be able to traverse the working directory (e.g. /root is
    /// 0700). Then the cluster lives in /var/lib/kpisync/clusters under a name derived from the requested path, so
    /// the same directory always finds the same data.
    /// </summary>
    private static async Task<string> ReachableRootAsync(string root, ILogger logger, CancellationToken ct)
    {
        Directory.CreateDirectory(root);
        if (!RunsAsRoot || await RunAsPostgresAsync(["test", "-x", root], ct) == 0)
        {
            return root;
        }

        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..12].ToLowerInvariant();
        var fallback = Path.Combine("/var/lib/kpisync/clusters", hash);
        Directory.CreateDirectory(fallback);
        logger.LogInformation("The 'postgres' user cannot reach {Directory}; the private PostgreSQL lives in {Fallback} instead", root, fallback);
        return fallback;
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_root);
        // One starter at a time: two commands launched together must not both run initdb or pg_ctl start.
        await using var startLock = await AcquireStartLockAsync(ct);
        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            await InitClusterAsync(ct);
        }

        var port = int.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "port"), ct), CultureInfo.InvariantCulture);
        var password = (await File.ReadAllTextAsync(Path.Combine(_root, "password"), ct)).Trim();
        if (await RunAsync(_bin.PgCtl, ["status", "-D", DataDir], ct, throwOnError: false) != 0)
        {
            _logger.LogDebug("Starting the private PostgreSQL in {Directory} on port {Port}", _root, port);
            await RunAsync(_bin.PgCtl, ["start", "-D", DataDir, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60",
                "-o", $"-p {port}"], ct);
            _startedHere = true;
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = User, Password = password, Database = "postgres",
        };
        await EnsureDatabaseAsync(admin.ConnectionString, ct);
        admin.Database = Database;
        ConnectionString = admin.ConnectionString;
    }

    private async Task InitClusterAsync(CancellationToken ct)
    {
        _logger.LogInformation("Creating a private PostgreSQL cluster in {Directory}", _root);
        var pwFile = Path.Combine(_root, "password");
        await File.WriteAllTextAsync(pwFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pwFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(Path.Combine(_root, "port"), FreePort().ToString(CultureInfo.InvariantCulture), ct);
        if (RunsAsRoot)
        {
            // initdb refuses to run as root; the cluster belongs to the 'postgres' system user instead.
            await RunAsync("chown", ["-R", "postgres:postgres", _root], ct);
        }

        await RunAsync(_bin.InitDb, ["-D", DataDir, "-U", User, "--pwfile", pwFile, "-A", "scram-sha-256", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-instructions"], ct);
        await File.AppendAllTextAsync(Path.Combine(DataDir, "postgresql.conf"),
            "\n# KpiSync private cluster: loopback TCP only, no Unix socket.\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n", ct);
        if (RunsAsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", DataDir], ct);
        }
    }

    private static async Task EnsureDatabaseAsync(string adminConnectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(adminConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = 'kpisync'", conn);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand("create database kpisync", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_startedHere)
        {
            return;
        }

        _startedHere = false;
        _logger.LogDebug("Stopping the private PostgreSQL");
        await RunAsync(_bin.PgCtl, ["stop", "-D", DataDir, "-m", "fast", "-w"], CancellationToken.None, throwOnError: false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
