using KpiSync.Kpis.Engine;
using KpiSync.Storage;

namespace KpiSync.Tests.Engine;

/// <summary>
/// Deals replayed in shares on several threads (a full recompute replays them on every core) count exactly
/// as when replayed one by one: the same cells in the same order, each the same to the byte (responses in the same
/// order), the same deal parts and client wins in the same order — and a full recompute's part sums alike.
/// </summary>
public sealed class KpiEngineDealShareTests
{
    [Theory]
    [InlineData(1, 2, 0, false)]
    [InlineData(2, 3, 2, true)]
    [InlineData(3, 7, 3, true)]
    [InlineData(4, 40, 0, true)]
    [InlineData(5, 5, 2, false)]
    public void AddDeals_InShares_EqualsOneByOne(int seed, int shares, int partitions, bool captureParts)
    {
        var scenario = EngineScenario.Random(seed, "Europe/Moscow", deals: 40, activities: 1500);

        var one = scenario.Feed(scenario.NewEngine(captureParts: captureParts), partitions: partitions);
        var split = scenario.Feed(scenario.NewEngine(captureParts: captureParts), partitions: partitions, dealShares: shares);

        Assert.Equal(Describe(one), Describe(split));
    }

    [Theory]
    [InlineData(6, 3)]
    [InlineData(7, 8)]
    public void CompleteSums_DealsInShares_EqualOneSink(int seed, int shares)
    {
        var scenario = EngineScenario.Random(seed, "UTC", deals: 40, activities: 1500);

        Assert.Equal(Sums(scenario, shares: 0), Sums(scenario, shares));
    }

    [Fact]
    public void AddDeals_Tracing_ReplaysOnThisThread()
    {
        var scenario = EngineScenario.Random(8, "UTC", deals: 40);
        var engine = scenario.NewEngine();
        var records = engine.TraceCell(new CellKey(EngineScenario.A, 0));

        scenario.Feed(engine, dealShares: 4);

        Assert.NotEmpty(records);
    }

    private static List<string> Describe(KpiEngine engine)
    {
        var cells = engine.Complete();
        return
        [
            .. cells.Select(c => $"cell {c.Key}: {Convert.ToHexString(KpiPartCodec.Encode(c.Value))}"),
            .. engine.DealParts.SelectMany(d => d.Cells.Select(c => $"part {d.DealId} {c.Key}: {Convert.ToHexString(KpiPartCodec.Encode(c.Value))}")),
            .. engine.DealParts.Select(d => $"tail {d.DealId}: {(d.Tail is { } t ? Convert.ToHexString(DealTailCodec.Encode(t)) : "none")}"),
            .. engine.ClientWins.Select(w => $"win {w}"),
        ];
    }

    private static List<string> Sums(EngineScenario scenario, int shares)
    {
        var sync = new KpiPartStore.FullSync(scenario.Grid);
        var engine = scenario.Feed(scenario.NewEngine(captureParts: true, sinks: sync.NewSink), partitions: 2, dealShares: shares);
        var cells = engine.Complete();
        return [.. sync.CompleteSums(cells, engine.ActivityDays()).Select(s => $"{s.Key}: {Convert.ToHexString(s.Value)}")];
    }
}
