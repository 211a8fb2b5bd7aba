using KpiSync.Admin;
using KpiSync.CrmSimulator;
using KpiSync.Hosting;

namespace KpiSync.IntegrationTests.Support;

/// <summary><c>serve</c> in-process on a free loopback port (real Kestrel, real PostgreSQL, the simulator as connection
/// "sim") with one admin seeded through Admin:Bootstrap, the way an unattended install does it.</summary>
public static class DashboardHost
{
    public const string User = "admin";
    public const string Password = "correct horse battery";

    private static readonly Lazy<string> Hash = new(() => AdminPasswords.Hash(Password));

    public static async Task<(CycleHarness Harness, Uri BaseUrl)> StartAsync(PostgresServer server, string name, SimulatorOptions? simulator = null,
        Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var port = CycleHarness.FreePort();
        var all = NodeSettings(port);
        all["Admin:Bootstrap:User"] = User;
        all["Admin:Bootstrap:PasswordHash"] = Hash.Value;
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }

        var h = await CycleHarness.StartAsync(server, name, simulator, all, HostMode.Serve, clock);
        return (h, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>The settings of a <c>serve</c> node for tests, listening on <paramref name="port"/>; with
    /// <paramref name="connectionString"/>, another node on a database a harness already made.</summary>
    public static Dictionary<string, string?> NodeSettings(int port, string? connectionString = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            // Yearly, so no tick fires during a test; jobs queued by a test start within a fifth of a second.
            ["Scheduling:CycleCron"] = "0 3 1 1 *",
            ["Scheduling:QueuePollInterval"] = "00:00:00.200",
            ["Scheduling:SchedulePollingInterval"] = "00:00:01",
            ["Scheduling:HeartbeatInterval"] = "00:00:01",
            ["Scheduling:WorkerCount"] = "2",
        };
        if (connectionString is not null)
        {
            settings["ConnectionStrings:KpiSync"] = connectionString;
            settings["Crm:RequestsPerSecond"] = "0";
            settings["Serilog:MinimumLevel:Default"] = "Warning";
        }

        return settings;
    }
}
