using System.Text.Json;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;
using KpiSync.Sync;
using KpiSync.Sync.Streams;
using Npgsql;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>
/// A batch collects several pages before it is stored, so it may hold one record twice: read, changed in the CRM,
/// and read again further on. The latest reading must win, and what is derived from a change (a payment) must be
/// derived once — in whichever order the readings arrive.
/// </summary>
public sealed class BatchReadingTests(PostgresServer server)
{
    private const long PaidField = 900;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AmoLead Lead(long updatedAt, string paid) => new(7001, "Fence", 1000m, 5, null, null, null, null,
        CycleHarness.Now.AddDays(-5).ToUnixTimeSeconds(), updatedAt, null, false,
        CustomFieldsValues: [new AmoFieldValues(PaidField, [new AmoFieldValue(JsonSerializer.SerializeToElement(paid))])]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Leads_ReadTwiceInOneBatch_TheLatestReadingWinsAndItsPaymentIsDerivedOnce(bool newestFirst)
    {
        await using var h = await CycleHarness.StartAsync(server, $"batch_leads_{newestFirst}");
        var connection = await h.ConnectionAsync();
        var context = new SyncContext(connection, CycleHarness.Now, new HashSet<(long, long)>(), LeadFields: new LeadFieldMap(null, null, null, PaidField, null));
        var t = CycleHarness.Now.AddDays(-1).ToUnixTimeSeconds();
        AmoLead[] readings = newestFirst ? [Lead(t + 60, "1000"), Lead(t, "300")] : [Lead(t, "300"), Lead(t + 60, "1000")];

        await StoreAsync(h, conn => tx => new LeadsStream().StoreAsync(conn, tx, context, readings, [], Ct));

        Assert.Equal(1000m, await h.ScalarAsync<decimal>("select paid_amount from kpisync.deals where crm_id = 7001"));
        Assert.Equal("1000.00", await h.ScalarAsync<string>(
            "select string_agg(amount::text, ',') from kpisync.funnel_events where deal_id = 7001 and kind = 'payment'"));
    }

    [Fact]
    public async Task Facts_SameKeyTwiceInOneBatch_TheLastReadingWinsAndARereadChangesNothing()
    {
        await using var h = await CycleHarness.StartAsync(server, "batch_facts");
        var c = (await h.ConnectionAsync()).Id;
        var at = CycleHarness.Now.AddHours(-3);
        FunnelFact[] batch = [new("note:1", FactKinds.CallOut, 5, null, at, DurationSeconds: 30), new("note:2", FactKinds.CallIn, 5, null, at, DurationSeconds: 10),
            new("note:1", FactKinds.CallOut, 5, null, at, DurationSeconds: 95)];

        var first = await StoreAsync(h, conn => tx => FunnelEventStore.UpsertAsync(conn, tx, c, batch, Ct));
        var again = await StoreAsync(h, conn => tx => FunnelEventStore.UpsertAsync(conn, tx, c, batch, Ct));

        Assert.Equal(2, first);
        Assert.Equal(0, again);
        Assert.Equal("note:1=95,note:2=10", await h.ScalarAsync<string>(
            "select string_agg(source_key || '=' || duration_s, ',' order by source_key) from kpisync.funnel_events where source_key like 'note:%'"));
    }

    private static async Task<int> StoreAsync(CycleHarness h, Func<NpgsqlConnection, Func<NpgsqlTransaction, Task<int>>> store)
    {
        await using var conn = new NpgsqlConnection(h.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        var changed = await store(conn)(tx);
        await tx.CommitAsync(Ct);
        return changed;
    }
}
