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

    private static EngineScenario Random(int seed, string zone)
    {
        var random = new Random(seed);
        var scenario = new EngineScenario(zone).Stage(10, 10).Stage(20, 20, phase: StagePhase.Real);
        long[] employees = [A, B, 9, 10, 11];
        for (var deal = 1; deal <= 12; deal++)
        {
            var owner = employees[random.Next(employees.Length)];
            var created = At(10, 1 + random.Next(25), 8 + random.Next(10));
            var facts = new List<DealFact> { Moved(created.AddHours(2), 10, 20) };
            if (random.Next(2) == 0)
            {
                var next = employees[random.Next(employees.Length)];
                facts.Add(Handover(created.AddDays(3), owner, next));
                owner = next;
            }

            facts.Add(random.Next(3) switch { 0 => Won(created.AddDays(10 + random.Next(20)), 1000), 1 => Lost(created.AddDays(12)), _ => Paid(created.AddDays(5), 10) });
            scenario.Deal(deal, owner, created, 100 * deal, d => d with { Segment = deal % 2 == 0 ? "SMB" : "Enterprise", ClientId = deal % 4 }, [.. facts]);
        }

        for (var i = 0; i < 400; i++)
        {
            var kind = (ActivityKind)random.Next(4);
            var at = At(10 + random.Next(2), 1 + random.Next(28), random.Next(24), random.Next(60));
            scenario.Activity(employees[random.Next(employees.Length)], kind, at, random.Next(3) * 1800, (short)(kind is ActivityKind.CallIn or ActivityKind.CallOut ? 4 : random.Next(2)),
                random.Next(3) == 0 ? null : 1 + random.Next(12));
        }

        return scenario;
    }

    private static List<string> Describe(Dictionary<(long Employee, string Period), EmployeePeriodTotals> cells) =>
        [.. cells.OrderBy(c => c.Key.Employee).ThenBy(c => c.Key.Period, StringComparer.Ordinal).SelectMany(c =>
            KpiCalculator.Compute(c.Value, KpiSettings.Default).Select(v => $"{c.Key}: {v.Key} = {v.Value}")
                .Append($"{c.Key}: covered {c.Value.CoveredSeconds} of {c.Value.NominalSeconds}, touches {c.Value.Touches}, attention {c.Value.AttentionOverall}, responses {string.Join(' ', c.Value.ResponseMinutes.Order())}"))];
}
