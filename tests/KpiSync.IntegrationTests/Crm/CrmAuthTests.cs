using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.IntegrationTests.Crm;

/// <summary>Credentials at rest, token refresh and the states that stop a connection, against the simulator.</summary>
public sealed class CrmAuthTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Credentials_AreEncryptedAtRest()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Credentials_AreEncryptedAtRest));
        var oauth = await h.UseOAuthAsync();

        var raw = await h.ScalarAsync<string>("select credentials from kpisync.connections");

        Assert.DoesNotContain(oauth.AccessToken, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(oauth.RefreshToken!, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(new SimulatorOptions().ClientSecret, raw, StringComparison.Ordinal);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.data_protection_keys") >= 1);
        Assert.Equal(oauth.RefreshToken, (await h.Get<ConnectionStore>().ReadCredentialsAsync((await h.ConnectionAsync()).Id, Ct)).RefreshToken);
    }

    [Fact]
    public async Task Sync_TokenRevokedMidSync_RefreshesOnceAndCompletes()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Sync_TokenRevokedMidSync_RefreshesOnceAndCompletes),
            CycleHarness.Options(faults: new SimulatorFaults { RevokeTokenAfter = 15 }));
        await h.UseOAuthAsync();

        var counts = await h.Get<ConnectionSynchronizer>().SyncAsync(await h.ConnectionAsync(), SyncRequest.Incremental, Ct);

        Assert.Equal(1, h.Simulator.TokenRefreshCount);
        Assert.Equal(h.Simulator.State.Leads.Count, await h.ScalarAsync<long>("select count(*) from kpisync.deals"));
        Assert.Equal(ConnectionStatus.Active, (await h.ConnectionAsync()).Status);
        Assert.Equal(0, counts.Quarantined);
    }

    [Fact]
    public async Task Sync_RefreshRefused_MarksNeedsReauthorizationAndStopsCallingTheCrm()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Sync_RefreshRefused_MarksNeedsReauthorizationAndStopsCallingTheCrm));
        var credentials = await h.UseOAuthAsync(expiresIn: TimeSpan.FromMinutes(-1));
        // Someone else used the single-use refresh token: ours is burnt.
        await h.Get<AmoCrmOAuthClient>().RefreshAsync(await h.ConnectionAsync(), credentials, Ct);

        var e = await Assert.ThrowsAsync<CrmAuthorizationException>(() => h.RunCycleAsync());

        Assert.Contains("needs re-authorization", e.Message, StringComparison.Ordinal);
        var connection = await h.ConnectionAsync();
        Assert.Equal(ConnectionStatus.NeedsReauthorization, connection.Status);
        var requests = h.Simulator.RequestCount;
        await Assert.ThrowsAsync<ConnectionUnavailableException>(() => h.RunCycleAsync());
        Assert.Equal(requests, h.Simulator.RequestCount);

        await h.UseOAuthAsync();
        Assert.Equal(ConnectionStatus.Active, (await h.ConnectionAsync()).Status);
        Assert.NotNull(await h.RunCycleAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cycle_AccountBlockedOrUnpaid_MarksBlockedAndNeverCallsAgain(bool blocked)
    {
        await using var h = await CycleHarness.StartAsync(server, "blocked_" + blocked);
        if (blocked)
        {
            h.Simulator.Blocked = true;
        }
        else
        {
            h.Simulator.Unpaid = true;
        }

        var e = await Assert.ThrowsAsync<ConnectionUnavailableException>(() => h.RunCycleAsync());

        Assert.Equal(ConnectionStatus.Blocked, e.Status);
        Assert.Equal(1, h.Simulator.RequestCount);
        var connection = await h.ConnectionAsync();
        Assert.Equal(ConnectionStatus.Blocked, connection.Status);
        Assert.Contains(blocked ? "HTML 403" : "402", connection.StatusReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConnectionUnavailableException>(() => h.RunCycleAsync());
        Assert.Equal(1, h.Simulator.RequestCount);
        Assert.Equal("failed", await h.ScalarAsync<string>("select status from kpisync.sync_runs"));
    }
}
