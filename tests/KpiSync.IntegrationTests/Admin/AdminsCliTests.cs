using KpiSync.Admin;
using KpiSync.IntegrationTests.Support;
using Npgsql;

namespace KpiSync.IntegrationTests.Admin;

/// <summary><c>kpisync admins</c> as a process: the password comes from stdin and never appears in any output.</summary>
public sealed class AdminsCliTests(PostgresServer server)
{
    private const string Password = "s3cret-Passw0rd-for-cli";

    [Fact]
    public async Task AddListRemoveHash_PasswordFromStdin_NeverPrinted()
    {
        var cs = await server.CreateDatabaseAsync(nameof(AddListRemoveHash_PasswordFromStdin_NeverPrinted));

        var add = await KpiSyncProcess.RunWithInputAsync(cs, Password + "\n", "admins", "add", "--user", "Anna", "--password-stdin");
        var again = await KpiSyncProcess.RunWithInputAsync(cs, Password + "\n", "admins", "add", "--user", "anna", "--password-stdin");
        var shortOne = await KpiSyncProcess.RunWithInputAsync(cs, "short\n", "admins", "add", "--user", "bob", "--password-stdin");
        var list = await KpiSyncProcess.RunAsync(cs, null, "admins", "list");
        var hash = await KpiSyncProcess.RunWithInputAsync(null, Password + "\n", "admins", "hash", "--password-stdin");
        string stored;
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = new NpgsqlCommand("select password_hash from kpisync.admins where user_name = 'Anna'", conn);
            stored = (string)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }

        var remove = await KpiSyncProcess.RunAsync(cs, null, "admins", "remove", "--user", "ANNA");
        var listAfter = await KpiSyncProcess.RunAsync(cs, null, "admins", "list");

        Assert.True(add.ExitCode == 0, add.All);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, shortOne.ExitCode);
        Assert.Contains("Anna", list.Output, StringComparison.Ordinal);
        Assert.Contains("1 admin.", list.Output, StringComparison.Ordinal);
        Assert.True(hash.ExitCode == 0, hash.All);
        Assert.True(AdminPasswords.IsHash(hash.Output.Trim()));
        Assert.NotEqual(Password, stored);
        Assert.True(AdminPasswords.Verify(new KpiSync.Storage.AdminAccount(1, "Anna", stored, default, default, null), Password, out _));
        Assert.Equal(0, remove.ExitCode);
        Assert.Contains("0 admins.", listAfter.Output, StringComparison.Ordinal);
        foreach (var r in new[] { add, again, shortOne, list, hash, remove, listAfter })
        {
            Assert.DoesNotContain(Password, r.All, StringComparison.Ordinal);
        }
    }
}
