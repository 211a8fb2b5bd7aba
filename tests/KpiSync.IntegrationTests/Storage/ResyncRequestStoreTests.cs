using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Storage;

/// <summary>A queued resync's range and streams, stored beside its job and read back by whichever node runs it.</summary>
public sealed class ResyncRequestStoreTests(PostgresServer server)
{
    [Fact]
    public async Task Find_ReadsBackWhatWasAdded_WithAndWithoutARangeAndStreams()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, nameof(Find_ReadsBackWhatWasAdded_WithAndWithoutARangeAndStreams));
        var store = h.Get<ResyncRequestStore>();
        var c = (await h.ConnectionAsync()).Id;
        var from = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

        var everything = await store.FindAsync(await store.AddAsync(c, null, null, null, null, ct), ct);
        var some = await store.FindAsync(await store.AddAsync(c, from, from.AddDays(31), ["leads", "events"], "admin", ct), ct);

        Assert.Equal("sim: everything, every stream, by nobody",
            $"{everything!.Connection}: {everything.Describe()}, by {everything.RequestedBy ?? "nobody"}");
        Assert.Equal("sim: 2026-10-01 … 2026-10-31, events+leads, by admin", $"{some!.Connection}: {some.Describe()}, by {some.RequestedBy}");
        Assert.Equal(c, some.ConnectionId);
        Assert.Null(await store.FindAsync(some.Id + 1, ct));
    }
}
