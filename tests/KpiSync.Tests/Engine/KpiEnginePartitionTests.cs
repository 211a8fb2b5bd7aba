using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using static KpiSync.Tests.Engine.EngineScenario;

namespace KpiSync.Tests.Engine;

/// <summary>
/// Activities fed through engine partitions by employee (issue #4: a full recompute streams them one partition per
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
