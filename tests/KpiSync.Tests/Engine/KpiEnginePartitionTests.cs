using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using static KpiSync.Tests.Engine.EngineScenario;

namespace KpiSync.Tests.Engine;

/// <summary>
/// Activities fed through engine partitions by employee (a full recompute streams them one partition per
/// core) count exactly as when fed to one engine — touches on deals by employees of other partitions included.
/// </summary>
public sealed class KpiEnginePartitionTests
{
    [Theory]
    [InlineData(1, 2, false)]
    [InlineData(2, 2, true)]
    [InlineData(3, 3, true)]
    [InlineData(4, 1, false)]
    public void Run_ActivitiesInPartitions_EqualsOneEngine(int seed, int partitions, bool captureParts)
    {
        var scenario = Random(seed, "Europe/Moscow");

        var one = scenario.Run(captureParts: captureParts);
        var split = scenario.Run(partitions: partitions, captureParts: captureParts);

        Assert.Equal(Describe(one), Describe(split));
    }

    [Theory]
    [InlineData(5, 1, true)]
    [InlineData(6, 2, true)]
    [InlineData(7, 3, false)]
    [InlineData(8, 4, true)]
    public void Run_ActivitiesThroughFanOut_EqualsOneEngine(int seed, int partitions, bool captureParts)
    {
        // More activities than a few batches, so that the partitions' threads take several each.
        var scenario = EngineScenario.Random(seed, "Europe/Moscow", deals: 30, activities: 6000);

        var one = scenario.Run(captureParts: captureParts);
        var fanned = scenario.Run(partitions: partitions, captureParts: captureParts, fanOut: true);

        Assert.Equal(Describe(one), Describe(fanned));
    }

    [Fact]
    public async Task FanOut_DisposedUnfinished_StopsItsThreads()
    {
        var scenario = EngineScenario.Random(9, "UTC");
        var engine = scenario.NewEngine(captureParts: true);
        var parts = new[] { engine.NewActivityPartition(), engine.NewActivityPartition() };

        // As when the reader fails mid-stream: no Complete, and disposing must not wait for a stream's end.
        var disposed = Task.Run(() =>
        {
            using var router = new ActivityFanOut(parts);
            for (var i = 0; i < 50_000; i++)
            {
                router.Add(new ActivityFact(i % 7, ActivityKind.CallOut, At(10, 1 + (i % 28)), 60, 4, null));
            }
        }, TestContext.Current.CancellationToken);

        await disposed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void FanOut_APartitionFailing_ThrowsItsExceptionToTheReader()
    {
        var scenario = EngineScenario.Random(10, "UTC");
        var engine = scenario.NewEngine();
        var parts = new[] { engine.NewActivityPartition(), engine.NewActivityPartition() };
        parts[1].AddDeal(scenario.Deals[0]);   // its touches are being read now: a touch added after fails

        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            using var router = new ActivityFanOut(parts);
            for (var i = 0; i < 50_000; i++)
            {
                router.Add(new ActivityFact(i % 7, ActivityKind.CallOut, At(10, 1 + (i % 28)), 60, 4, 1));
            }

            router.Complete();
        });
        Assert.Contains("once reading has started", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddActivitiesOf_SameEmployeeInTwoPartitions_Throws()
    {
        var engine = new KpiEngine(new KpiEngineContext(TimeZoneInfo.Utc, PeriodGrid.Months(TimeZoneInfo.Utc, At(10, 1), At(11, 20)), At(11, 20)))
        {
            CaptureParts = true,
        };
        var first = engine.NewActivityPartition();
        var second = engine.NewActivityPartition();
        first.AddActivity(new ActivityFact(A, ActivityKind.CallOut, At(10, 5), 60, 4, null));
        second.AddActivity(new ActivityFact(A, ActivityKind.CallOut, At(10, 5, 14), 60, 4, null));

        engine.AddActivitiesOf(first);

        _ = Assert.Throws<ArgumentException>(() => { engine.AddActivitiesOf(second); });
    }

    internal static List<string> Describe(Dictionary<(long Employee, string Period), EmployeePeriodTotals> cells) =>
        [.. cells.OrderBy(c => c.Key.Employee).ThenBy(c => c.Key.Period, StringComparer.Ordinal).SelectMany(c =>
            KpiCalculator.Compute(c.Value, KpiSettings.Default).Select(v => $"{c.Key}: {v.Key} = {v.Value}")
                .Append($"{c.Key}: covered {c.Value.CoveredSeconds} of {c.Value.NominalSeconds}, touches {c.Value.Touches}, attention {c.Value.AttentionOverall}, responses {string.Join(' ', c.Value.ResponseMinutes.Order())}"))];
}
