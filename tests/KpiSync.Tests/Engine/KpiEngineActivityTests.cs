using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using static KpiSync.Tests.Engine.EngineScenario;

namespace KpiSync.Tests.Engine;

/// <summary>The engine's activity rules: answered calls, meetings, touches, period boundaries in a time zone, idle time.</summary>
public sealed class KpiEngineActivityTests
{
    [Fact]
    public void Calls_AnsweredByStatus4OrDurationWithoutStatus()
    {
        var oct = new EngineScenario()
            .Activity(A, ActivityKind.CallIn, At(10, 2), 0, 4)      // status 4, 0 s: answered
            .Activity(A, ActivityKind.CallIn, At(10, 2), 45)        // no status, 45 s: answered
            .Activity(A, ActivityKind.CallIn, At(10, 2), 0)         // no status, 0 s: not answered
            .Activity(A, ActivityKind.CallOut, At(10, 2), 10, 3)    // status 3: not answered, whatever its duration
            .Activity(A, ActivityKind.Meeting, At(10, 3), 3600, 1)
            .Activity(A, ActivityKind.Meeting, At(10, 3), 3600, 0)  // not completed
            .Activity(A, ActivityKind.Task, At(10, 3), 0, 1)        // a completed follow-up: a touch, not a meeting
            .Run()[(A, "2026-10")];

        Assert.Equal(2, oct.CallsIn);
        Assert.Equal(0, oct.CallsOut);
        Assert.Equal(45, oct.CallSeconds);
        Assert.Equal(4, oct.CallsAttempted);
        Assert.Equal(1, oct.Meetings);
        Assert.Equal(6, oct.Touches);
    }

    [Fact]
    public void CallJustAfterMidnightInMoscow_CountsForTheNextMonth()
    {
        var cells = new EngineScenario("Europe/Moscow")
            .Activity(A, ActivityKind.CallOut, new DateTimeOffset(2026, 10, 31, 21, 30, 0, TimeSpan.Zero), 60, 4)
            .Activity(A, ActivityKind.CallOut, new DateTimeOffset(2026, 10, 31, 20, 30, 0, TimeSpan.Zero), 60, 4)
            .Run();

        Assert.Equal(1, cells[(A, "2026-11")].CallsOut);
        Assert.Equal(1, cells[(A, "2026-10")].CallsOut);
    }

    [Fact]
    public void MonthBoundaryAfterDstEnds_InBerlin()
    {
        // Berlin left summer time on 2026-10-25: November starts at 23:00 UTC, not 22:00.
        var cells = new EngineScenario("Europe/Berlin")
            .Activity(A, ActivityKind.CallOut, new DateTimeOffset(2026, 10, 31, 22, 30, 0, TimeSpan.Zero), 60, 4)
            .Activity(A, ActivityKind.CallOut, new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), 60, 4)
            .Run();

        Assert.Equal(1, cells[(A, "2026-10")].CallsOut);
        Assert.Equal(1, cells[(A, "2026-11")].CallsOut);
    }

    [Fact]
    public void IdleTime_KpiMdExample_5h28mOnOneDay()
    {
        // Calls 09:00–09:30 and 09:20–10:00, a meeting 11:00–12:30 and a note at 17:58 (Moscow) → covered 2 h 32 min.
        DateTimeOffset Local(int h, int m) => new(2026, 10, 5, h, m, 0, TimeSpan.FromHours(3));
        var s = new EngineScenario("Europe/Moscow") { Now = new DateTimeOffset(2026, 10, 6, 9, 0, 0, TimeSpan.FromHours(3)) }
            .Activity(A, ActivityKind.CallOut, Local(9, 0), 30 * 60, 4)
            .Activity(A, ActivityKind.CallIn, Local(9, 20), 40 * 60, 4)
            .Activity(A, ActivityKind.Meeting, Local(11, 0), 90 * 60, 1)
            .Activity(A, ActivityKind.Task, Local(17, 58), 0, 1);
        var day = new PeriodGrid([("2026-10-05", Local(0, 0), Local(0, 0).AddDays(1))]);
        var t = s.Run(day)[(A, "2026-10-05")];

        Assert.Equal(8 * 3600, t.NominalSeconds);
        Assert.Equal(2 * 3600 + 32 * 60, t.CoveredSeconds);
        Assert.Equal(5.47m, Value(t, IndicatorKeys.IdleHours));   // 5 h 28 min
        Assert.Equal(2.53m, Value(t, IndicatorKeys.ActiveHours));
    }

    [Fact]
    public void IdleTime_CountsCompletedWorkingDaysOnly_AndWholeDaysWithoutActivity()
    {
        // Now is Friday 2026-11-20 noon: 1–19 November hold 14 completed working days (2 … 6, 9 … 13, 16 … 19).
        var t = new EngineScenario()
            .Activity(A, ActivityKind.CallOut, At(11, 2, 9), 3600, 4)
            .Run()[(A, "2026-11")];

        Assert.Equal(14 * 8 * 3600, t.NominalSeconds);
        Assert.Equal(3600, t.CoveredSeconds);
    }
}
