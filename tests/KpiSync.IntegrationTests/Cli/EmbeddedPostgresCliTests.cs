using System.Text.RegularExpressions;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>With no connection string configured, commands start (and stop) a private PostgreSQL under ./.kpisync/pg.</summary>
public sealed partial class EmbeddedPostgresCliTests
{
    private static readonly Dictionary<string, string> Verbose = new() { ["Serilog__MinimumLevel__Default"] = "Information" };

    [Fact]
    public async Task Commands_NoConnectionString_UseAPrivateClusterInTheWorkingDirectoryAndKeepItsData()
    {
        var dir = Directory.CreateTempSubdirectory("kpisync-embedded-").FullName;
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        try
        {
            var add = await KpiSyncProcess.RunInAsync(dir, null, null, "connections", "add", "amocrm", "--name", "shop", "--base-url", "https://shop.amocrm.ru", "--token", "abc", "--no-check");
            var list = await KpiSyncProcess.RunInAsync(dir, null, null, "connections", "list");

            Assert.True(add.ExitCode == 0, add.All);
            Assert.True(list.ExitCode == 0, list.All);
            Assert.True(File.Exists(Path.Combine(dir, ".kpisync", "pg", "data", "PG_VERSION")));
            Assert.Contains("https://shop.amocrm.ru/", list.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, ".kpisync", "pg", "data", "postmaster.pid")), "the cluster was left running");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Commands_WorkingDirectoryPostgresCannotReach_StillWorkAndFindTheSameDataAgain()
    {
        var dir = Directory.CreateTempSubdirectory("kpisync-private-").FullName; // 0700, like /root
        string? fallback = null;
        try
        {
            var add = await KpiSyncProcess.RunInAsync(dir, null, Verbose, "connections", "add", "amocrm", "--name", "shop", "--base-url", "https://shop.amocrm.ru", "--token", "abc", "--no-check");
            var list = await KpiSyncProcess.RunInAsync(dir, null, null, "connections", "list");
            fallback = FallbackPattern().Match(add.Output) is { Success: true } m ? m.Groups[1].Value : null;

            Assert.True(add.ExitCode == 0, add.All);
            Assert.Contains("https://shop.amocrm.ru/", list.Output, StringComparison.Ordinal);
            if (Environment.UserName == "root")
            {
                Assert.NotNull(fallback);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            if (fallback is not null)
            {
                Directory.Delete(fallback, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"lives in (\S+) instead")]
    private static partial Regex FallbackPattern();
}
