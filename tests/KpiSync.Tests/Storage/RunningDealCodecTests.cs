using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;
using KpiSync.Storage;
using KpiSync.Tests.Engine;
using static KpiSync.Tests.Engine.EngineScenario;

namespace KpiSync.Tests.Storage;

/// <summary>
/// A deal's running month (migration 0021) is stored apart from its earlier parts: the touches dated in the
/// month, which the engine keeps in the deal's tail (from the month's start on, in a stable order), and the month's
/// parts. The digest of the rest leaves the month out, so an incremental recompute rewrites the month's row alone.
/// </summary>
public sealed class RunningDealCodecTests
{
    [Fact]
    public void Tail_KeepsTheRunningMonthsTouches_ByTimeThenEmployee()
    {
        var scenario = new EngineScenario()
            .Deal(1, A, At(10, 20), 1000m)
            .Activity(A, ActivityKind.CallOut, At(10, 25), seconds: 60, outcome: 4, deal: 1)
            .Activity(B, ActivityKind.CallIn, At(11, 3, 9), seconds: 30, outcome: 4, deal: 1)
            .Activity(A, ActivityKind.CallIn, At(11, 3, 9), seconds: 30, outcome: 3, deal: 1)
            .Activity(A, ActivityKind.Task, At(11, 2), outcome: 0, deal: 1)
            .Activity(A, ActivityKind.Meeting, At(11, 1, 8), outcome: 1, deal: 1);

        var tail = Assert.Single(scenario.Feed(scenario.NewEngine(captureParts: true)).DealParts).Tail!;

        Assert.Equal([new TailTouch(A, At(11, 1, 8)), new TailTouch(A, At(11, 3, 9)), new TailTouch(B, At(11, 3, 9))], tail.Touches);
        Assert.Equal((A, At(10, 25)), (tail.AnchorEmployee, tail.AnchorAt));
    }

    [Fact]
    public void RunningRow_HoldsTheMonthsPartsAndTouches_AndRoundTrips()
    {
        var scenario = new EngineScenario();
        var grid = scenario.Grid;   // Oct–Nov 2026: November runs
        var deal = Deal(1, (B, 1, 3), (A, 1, 2), (A, 0, 5));

        var row = RunningRow.Of(deal, grid)!;
        var (touches, parts) = RunningDealCodec.Decode(row.Body)!.Value;

        Assert.Equal("2026-11", row.Period);
        Assert.Equal([A, B], row.Employees);
        Assert.Equal(deal.Tail!.Touches, touches);
        Assert.Equal([A, B], parts.Keys.Order());
        Assert.Equal(KpiPartCodec.Encode(deal.Cells[new CellKey(B, 1)]), parts[B]);
        var stored = RunningRow.Stored(row.Period, row.Body);
        Assert.Equal(row.Touches, stored.Touches);
        Assert.Equal(row.Parts.OrderBy(p => p.Key), stored.Parts.OrderBy(p => p.Key));
        Assert.True(RunningRow.Same(row, stored));
        Assert.True(RunningRow.Same(row, RunningRow.Of(Deal(1, (A, 1, 2), (B, 1, 3), (A, 0, 9)), grid)));
        Assert.False(RunningRow.Same(row, RunningRow.Of(Deal(1, (A, 1, 2), (B, 1, 4)), grid)));
        Assert.False(RunningRow.Same(row, null));
        Assert.True(RunningRow.Same(null, null));
        Assert.Null(RunningRow.Of(Deal(1, (A, 0, 5)) with { Tail = null }, grid));
    }

    [Fact]
    public void Changes_NameEveryPartThatAppearedChangedOrVanished()
    {
        var grid = new EngineScenario().Grid;
        const long C = 9, D = 10;
        var before = RunningRow.Of(Deal(1, (A, 1, 2), (B, 1, 3), (C, 1, 4)), grid);
        var after = RunningRow.Of(Deal(1, (A, 1, 5), (C, 1, 4), (D, 1, 1)), grid);

        string Describe(IEnumerable<PartChange> changes) =>
            string.Join("; ", changes.OrderBy(x => x.Employee).Select(x => $"{x.Employee} {x.Period} {x.Before is not null}>{x.After is not null}"));

        Assert.Equal($"{A} 2026-11 True>True; {B} 2026-11 True>False; {D} 2026-11 False>True", Describe(RunningRow.Changes(before, after)));
        Assert.Equal($"{A} 2026-11 True>False; {B} 2026-11 True>False; {C} 2026-11 True>False", Describe(RunningRow.Changes(before, null)));
        Assert.Empty(RunningRow.Changes(before, before));
    }

    [Fact]
    public void Digest_LeavesTheRunningMonthOut()
    {
        var grid = new EngineScenario().Grid;

        Assert.Equal(PartDigest.Of(Deal(1, (A, 0, 5), (A, 1, 2)), grid, null), PartDigest.Of(Deal(1, (A, 0, 5), (A, 1, 7), (B, 1, 1)), grid, null));
        Assert.NotEqual(PartDigest.Of(Deal(1, (A, 0, 5), (A, 1, 2)), grid, null), PartDigest.Of(Deal(1, (A, 0, 6), (A, 1, 2)), grid, null));
    }

    [Fact]
    public void Decode_AnotherLayout_IsNone()
    {
        var body = RunningDealCodec.Encode([new TailTouch(A, At(11, 2))], [(A, [1, 2, 3])]);
        body[0] = 0;

        Assert.Null(RunningDealCodec.Decode(body));
        Assert.False(RunningRow.Stored("2026-11", body).IsReadable);
        Assert.Throws<InvalidDataException>(() => RunningRow.Stored("2026-11", body).Parts);
    }

    /// <summary>A deal with the given parts (employee, period index, calls out) and a touch in the running month.</summary>
    private static DealParts Deal(long id, params (long Employee, int Period, int Calls)[] cells) =>
        new(id, cells.ToDictionary(c => new CellKey(c.Employee, c.Period), c => new EmployeePeriodTotals { CallsOut = c.Calls }))
        {
            Tail = new DealTail(new DealRecord(id, A, 1, 10, At(10, 2), 1m, []), null, null) { Touches = [new TailTouch(A, At(11, 2))] },
        };
}
