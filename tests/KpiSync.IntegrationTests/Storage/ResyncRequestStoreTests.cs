using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Storage;

/// <summary>A queued resync's job carries only its request's id: the request must read back as it was stored, streams
/// (a text[] column) included.</summary>
public sealed class ResyncRequestStoreTests(PostgresServer server)
{
    [Fact]
    public async Task ARequest_ReadsBackAsQueued_WithChosenStreams_OrEvery()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "resync_requests");
        var connection = await h.ConnectionAsync();
        var store = h.Get<ResyncRequestStore>();
        var from = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

        var ranged = await store.FindAsync(await store.AddAsync(connection.Id, from, from.AddMonths(1), ["leads", "events"], "admin", ct), ct);
        var everything = await store.FindAsync(await store.AddAsync(connection.Id, null, null, null, null, ct), ct);

        Assert.NotNull(ranged);
        Assert.Equal((connection.Id, "sim", from, from.AddMonths(1), "admin"), (ranged.ConnectionId, ranged.Connection, ranged.From, ranged.To, ranged.RequestedBy));
        Assert.Equal("events,leads", string.Join(',', ranged.Streams!));
        Assert.Equal("2026-10-01 … 2026-10-31, events+leads", ranged.Describe());
        Assert.NotNull(everything);
        Assert.Equal("everything, every stream", everything.Describe());
        Assert.Null(await store.FindAsync(everything.Id + 1, ct));
    }
}
