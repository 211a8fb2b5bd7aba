using KpiSync.Kpis.Indicators;
using KpiSync.Storage;

namespace KpiSync.Tests.Storage;

public sealed class HashedCellTests
{
    // Cells interleaved and indicators out of order, as no caller sends them, so that grouping and sorting both matter.
    private static List<KpiValueRow> Rows(int seed, int n)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(i => new KpiValueRow(random.Next(1, 40), $"2026-{random.Next(1, 13):D2}", $"k{random.Next(0, 30):D2}_{i}",
            random.Next(0, 3) == 0 ? null : random.Next(0, 100_000) / 100m, random.Next(0, 2) == 0,
            new Explanation("a / b", new Dictionary<string, decimal> { ["a"] = random.Next(0, 50), ["b"] = random.Next(1, 50) }))).ToList();
    }

    [Fact]
    public void OfCells_OnEveryCore_SameCellsInTheirOrderWithSameHashes()
    {
        var rows = Rows(7, 20_000);

        var one = HashedCell.OfCells(rows, parallelFrom: int.MaxValue);
        var all = HashedCell.OfCells(rows, parallelFrom: 0);

        Assert.Equal(rows.Select(r => (r.EmployeeId, r.Period)).Distinct(), one.Keys);
        Assert.Equal(one.Keys, all.Keys);
        foreach (var (key, cell) in one)
        {
            Assert.Equal(cell.Hash, all[key].Hash);
            Assert.Equal(cell.Rows.Select(r => (r.Row.Indicator, r.Hash)), all[key].Rows.Select(r => (r.Row.Indicator, r.Hash)));
        }
    }

    [Fact]
    public void Of_ChangedValue_ChangesCellAndRowHash_OthersStay()
    {
        var rows = Rows(8, 30).Select(r => r with { EmployeeId = 1, Period = "2026-11" }).ToList();
        var changed = rows.Select((r, i) => i == 5 ? r with { Value = (r.Value ?? 0) + 0.01m } : r).ToList();

        var before = HashedCell.Of(rows);
        var after = HashedCell.Of(changed);

        Assert.NotEqual(before.Hash, after.Hash);
        var differing = before.Rows.Zip(after.Rows).Where(p => p.First.Hash != p.Second.Hash).Select(p => p.First.Row.Indicator).ToList();
        Assert.Equal([rows[5].Indicator], differing);
    }
}
