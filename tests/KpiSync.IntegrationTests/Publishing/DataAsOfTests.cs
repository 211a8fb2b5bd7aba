using System.Globalization;
using KpiSync.IntegrationTests.Support;
using KpiSync.Publishing;

namespace KpiSync.IntegrationTests.Publishing;

/// <summary>
/// "Data as of" on the KPI list's elements (the simulator over loopback, a real PostgreSQL): the newest CRM change
/// the values include, which moves only with the data behind an element's values, never with the clock.
/// </summary>
public sealed class DataAsOfTests(PostgresServer server)
{
    private const string Period = "2026-10";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_ClockMovesOn_WritesNothing_ThenOneRepsValuesChange_MovesOnlyTheirAsOf()
    {
        var clock = new MovableTimeProvider(CycleHarness.Now);
        await using var h = await CycleHarness.StartAsync(server, nameof(Push_ClockMovesOn_WritesNothing_ThenOneRepsValuesChange_MovesOnlyTheirAsOf), clock: clock);
        await h.RunCycleAsync();
        var connection = await h.ConnectionAsync();
        var publisher = h.Get<KpiPublisher>();
        var before = Assert.Single(h.Simulator.State.Catalogs, c => c.Name == "KPI");
        var asOf = Assert.Single(before.Fields, f => f.Code == KpiPublisher.AsOfField);
        Assert.Equal("date_time", asOf.Type);
        var shown = long.Parse(Assert.Single(before.Elements.Select(e => e.Values[asOf.Id]).Distinct())!, CultureInfo.InvariantCulture);
        var newestLeadChange = h.Simulator.State.Leads.Select(l => l.UpdatedAt).Where(t => t <= CycleHarness.Now).Max().ToUnixTimeSeconds();
        Assert.InRange(shown, newestLeadChange, CycleHarness.Now.ToUnixTimeSeconds());
        var writes = h.Simulator.State.Writes.Count;

        clock.Advance(TimeSpan.FromHours(3));
        var idle = await publisher.PushAsync(connection, Ct);

        Assert.Equal(PushResult.Nothing, idle);
        Assert.Equal(writes, h.Simulator.State.Writes.Count);

        // A call an hour after the newest change so far changes one rep's calls; the others' values stand.
        var rep = h.Simulator.State.Users[0].Id;
        var call = DateTimeOffset.FromUnixTimeSeconds(shown).AddHours(1);
        await h.ScalarAsync<int>($"""
            insert into kpisync.funnel_events (connection_id, source_key, kind, employee_id, occurred_at)
            values ({connection.Id}, 'note:as-of', 'call_out', {rep}, '{call:O}') returning 1
            """);
        await h.ScalarAsync<int>($"""
            update kpisync.kpi_values set value = coalesce(value, 0) + 1
            where connection_id = {connection.Id} and employee_id = {rep} and period = '{Period}' and indicator = 'calls' returning 1
            """);
        var name = await h.ScalarAsync<string>($"select name from kpisync.crm_users where connection_id = {connection.Id} and crm_id = {rep}");

        var moved = await publisher.PushAsync(connection, Ct);

        Assert.Equal(new PushResult(0, 1, 1), moved);
        var after = Assert.Single(h.Simulator.State.Catalogs, c => c.Name == "KPI");
        Assert.Equal(call.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Assert.Single(after.Elements, e => e.Name == name).Values[asOf.Id]);
        Assert.All(after.Elements.Where(e => e.Name != name), e => Assert.Equal(shown.ToString(CultureInfo.InvariantCulture), e.Values[asOf.Id]));
    }
}
