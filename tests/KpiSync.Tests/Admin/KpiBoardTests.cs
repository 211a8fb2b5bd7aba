using KpiSync.Admin.Kpis;
using KpiSync.Crm;
using KpiSync.Storage;

namespace KpiSync.Tests.Admin;

public sealed class KpiBoardTests
{
    private static readonly KpiBoard Board = new(new CrmConnection(1, "sim", "amocrm", new Uri("https://x.amocrm.ru/"), null), "2026-10", null,
    [
        Row(1, "Anna", calls: 30, idle: 10),
        Row(2, "Boris", calls: 50, idle: 2),
        Row(3, "Clara", calls: 30, idle: null),
        Row(4, "Dmitri", calls: null, idle: 5),
    ]);

    [Fact]
    public void Sorted_ByValue_MissingValuesLastInBothDirections()
    {
        Assert.Equal([2L, 1, 3, 4], Board.Sorted("calls", descending: true).Select(r => r.EmployeeId));
        Assert.Equal([1L, 3, 2, 4], Board.Sorted("calls", descending: false).Select(r => r.EmployeeId));
        Assert.Equal([4L, 3, 2, 1], Board.Sorted(KpiBoard.EmployeeKey, descending: true).Select(r => r.EmployeeId));
    }

    [Fact]
    public void Team_SumsCountsAndHours_MedianForRatiosAndAverages_NullWithoutValues()
    {
        Assert.Equal(110m, Board.Team(KpiColumns.For("calls")));
        Assert.Equal(17m, Board.Team(KpiColumns.For("idle_hours")));
        Assert.Null(Board.Team(KpiColumns.For("conversion")));
        var ratios = Board with { Rows = [Row(1, "A", 0.1m, null), Row(2, "B", 0.5m, null), Row(3, "C", 0.2m, null), Row(4, "D", 0.9m, null)] };
        Assert.Equal(0.35m, ratios.Team(new KpiColumn("calls", "share", ValueFormat.Share)));
        Assert.False(KpiColumns.For("average_check").Sums);
        Assert.True(KpiColumns.For("revenue").Sums);
    }

    [Fact]
    public void Display_MoneyWithTheAccountsCurrency_OthersWithout()
    {
        Assert.Equal("1,234.50 ₽", KpiColumns.For("revenue").Display(1234.5m, "RUB"));
        Assert.Equal("10.00 CHF", KpiColumns.For("pay_total").Display(10m, "chf"));
        Assert.Equal("1,234.50", KpiColumns.For("revenue").Display(1234.5m, null));
        Assert.Equal("12", KpiColumns.For("calls").Display(12m, "RUB"));
        Assert.Equal("—", KpiColumns.For("revenue").Display(null, "RUB"));
    }

    [Fact]
    public void Leaderboard_EqualValuesShareARank_LowerIsBetterRanksLowestFirst_MissingUnranked()
    {
        Assert.Equal([(1, 2L), (2, 1), (2, 3), (null, 4)], Board.Leaderboard("calls").Select(x => (x.Rank, x.Row.EmployeeId)));
        Assert.Equal([(1, 2L), (2, 4), (3, 1), (null, 3)], Board.Leaderboard("idle_hours").Select(x => (x.Rank, x.Row.EmployeeId)));
    }

    [Fact]
    public void Parse_CommaSeparatedOrRepeated_UnknownIgnored_NoneGivesTheDefault()
    {
        Assert.Equal(["calls", "kpi_index", "funnel_conversion:142"], KpiColumns.Parse(["calls,nonsense", "kpi_index", "funnel_conversion:142", "calls"]).Select(c => c.Key));
        Assert.Equal(KpiColumns.DefaultKeys, KpiColumns.Parse(["nonsense"]).Select(c => c.Key));
        Assert.Equal("45.7 %", KpiColumns.For("conversion").Display(0.4567m));
        Assert.Equal("1,234.50", KpiColumns.For("revenue").Display(1234.5m));
        Assert.Equal("—", KpiColumns.For("revenue").Display(null));
    }

    private static KpiBoardRow Row(long id, string name, decimal? calls, decimal? idle) => new(id, name, new Dictionary<string, KpiCell>
    {
        ["calls"] = new(calls, false, null, false, null),
        ["idle_hours"] = new(idle, false, null, false, null),
    }, (StoredPayout?)null);
}
