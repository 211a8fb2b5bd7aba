using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;
using static KpiSync.Tests.Engine.EngineScenario;

namespace KpiSync.Tests.Engine;

/// <summary>The engine's deal rules: attribution over time, final close, receivables, funnel, profit, phases, clients.</summary>
public sealed class KpiEngineDealTests
{
    [Fact]
    public void WonThenReopened_NoLongerCountsAsWon_AnotherWinDoes()
    {
        var cells = new EngineScenario()
            .Deal(1, A, At(10, 1), 5000, null, Won(At(10, 3)), Reopened(At(10, 9)))
            .Deal(2, A, At(10, 1), 700, null, Won(At(10, 4)))
            .Deal(3, A, At(10, 1), 900, null, Won(At(10, 5)), Reopened(At(10, 6)), Lost(At(10, 7)))
            .Run();

        var oct = cells[(A, "2026-10")];
        Assert.Equal(1, oct.DealsWon);
        Assert.Equal(700m, oct.RevenueWon);
        Assert.Equal(1, oct.DealsLost);
        Assert.Equal(1, oct.DealsInWork);   // deal 1, re-opened and still open at the end of October
    }

    [Fact]
    public void ResponsibleChangedMidMonth_FactsCountForWhoeverWasResponsibleThen()
    {
        var cells = new EngineScenario()
            .Deal(1, B, At(10, 1), 1000, null, Handover(At(10, 15), A, B), Won(At(10, 20)))
            .Deal(2, B, At(10, 1), 1000, null, Handover(At(10, 15), A, B), Lost(At(10, 10)))
            .Run();

        Assert.Equal(2, cells[(A, "2026-10")].DealsCreated);
        Assert.Equal(1, cells[(A, "2026-10")].DealsLost);     // lost on the 10th, while A had it
        Assert.Equal(1, cells[(B, "2026-10")].DealsWon);      // won on the 20th, after the handover
        Assert.Equal(0, cells[(A, "2026-10")].DealsWon);
    }

    [Fact]
    public void Receivables_KpiMdExample_40000OwedAndOverdueAtMonthEnd()
    {
        // Invoiced (won) 100 000 due on the 10th, 60 000 paid → 40 000 owed, all overdue at the end of the month.
        var cells = new EngineScenario()
            .Deal(1, A, At(10, 1), 100_000, d => d with { PaymentDue = At(10, 10) }, Won(At(10, 2)), Paid(At(10, 8), 60_000))
            .Run();

        var oct = cells[(A, "2026-10")];
        Assert.Equal(40_000m, oct.Receivables);
        Assert.Equal(40_000m, oct.ReceivablesOverdue);
        Assert.Equal(60_000m, oct.Payments);
    }

    [Fact]
    public void PaymentBeforeTheInvoice_CountsAsPaidOnceInvoiced_AndIsNoReceivableBefore()
    {
        var cells = new EngineScenario()
            .Deal(1, A, At(9, 20), 1000, d => d with { PaymentDue = At(11, 30) }, Paid(At(9, 25), 400), Won(At(10, 5)))
            .Run(KpiSync.Kpis.Periods.PeriodGrid.Months(TimeZoneInfo.Utc, At(9, 1), At(11, 20)));

        Assert.Equal(0m, cells[(A, "2026-09")].Receivables);   // open deal, nothing invoiced yet
        Assert.Equal(1, cells[(A, "2026-09")].DealsInWork);
        Assert.Equal(600m, cells[(A, "2026-10")].Receivables);
        Assert.Equal(0m, cells[(A, "2026-10")].ReceivablesOverdue);   // due in November
    }

    [Fact]
    public void Funnel_KpiMdExample_StageConversionsAndOverall()
    {
        // cold call 100 → decision-maker 70 → offer 60 → paid 20 → repeat 5.
        var s = new EngineScenario().Stage(10, 10).Stage(20, 20).Stage(30, 30).Stage(40, 40, StageOutcome.Won).Stage(50, 50);
        for (var i = 1; i <= 100; i++)
        {
            var facts = new List<DealFact>();
            var stages = i <= 5 ? 4 : i <= 20 ? 3 : i <= 60 ? 2 : i <= 70 ? 1 : 0;
            long[] path = [10, 20, 30, 40, 50];
            for (var k = 1; k <= stages; k++)
            {
                facts.Add(new DealFact(path[k] == 40 ? DealFactKind.Won : DealFactKind.StageChanged, At(10, 2 + k), path[k - 1], path[k]));
            }

            s.Deal(i, A, At(10, 2), 100, null, [.. facts]);
        }

        var oct = s.Run()[(A, "2026-10")];
        var values = KpiCalculator.Compute(oct, KpiSettings.Default).ToDictionary(v => v.Key, v => v.Value);
        Assert.Equal(0.70m, values["funnel_conversion:10"]);
        Assert.Equal(0.8571m, values["funnel_conversion:20"]);
        Assert.Equal(0.3333m, values["funnel_conversion:30"]);
        Assert.Equal(0.25m, values["funnel_conversion:40"]);
        Assert.Equal(0.20m, values["funnel_conversion"]);
        Assert.False(values.ContainsKey("funnel_conversion:142"));   // nothing but "lost" comes after amoCRM's won stage
    }

    [Fact]
    public void Profit_KpiMdExample_TheSecondRepEarnedMore()
    {
        var s = new EngineScenario()
            .Deal(1, A, At(10, 1), 500_000, d => d with { Cost = 100_000, LaborSeconds = 120 * 3600 }, Won(At(10, 5)))
            .Deal(2, B, At(10, 1), 500_000, d => d with { Cost = 120_000, LaborSeconds = 50 * 3600 }, Won(At(10, 5)));
        var cells = s.Run();
        var settings = KpiSettings.Default with { HourlyRate = 1200 };

        Assert.Equal(256_000m, Value(cells[(A, "2026-10")], IndicatorKeys.Profit, settings));
        Assert.Equal(320_000m, Value(cells[(B, "2026-10")], IndicatorKeys.Profit, settings));
    }

    [Theory]
    [InlineData(40, 10, 0.2)]
    [InlineData(20, 30, 0.6)]
    public void RealDealShare_KpiMdExamples(int potential, int real, double expected)
    {
        var s = new EngineScenario().Stage(20, 20, StageOutcome.Open, StagePhase.Potential).Stage(30, 30, StageOutcome.Open, StagePhase.Real);
        for (var i = 0; i < potential + real; i++)
        {
            s.Deal(i + 1, A, At(10, 1), 100, null, Moved(At(10, 2), 10, i < potential ? 20 : 30));
        }

        Assert.Equal((decimal)expected, Value(s.Run()[(A, "2026-10")], IndicatorKeys.RealDealShare));
    }

    [Fact]
    public void CohortConversion_DealsCreatedInThePeriod_ShareWonByNow()
    {
        var cells = new EngineScenario()
            .Deal(1, A, At(10, 1), 100, null, Won(At(11, 2)))
            .Deal(2, A, At(10, 1), 100, null, Lost(At(10, 2)))
            .Deal(3, A, At(10, 1), 100)
            .Deal(4, A, At(10, 1), 100, null, Won(At(10, 20)))
            .Run();

        Assert.Equal(0.5m, Value(cells[(A, "2026-10")], IndicatorKeys.CohortConversion));
        Assert.Equal(1, cells[(A, "2026-11")].DealsWon);   // the win itself counts where it happened
    }

    [Fact]
    public void ResponseTime_FromCreationOrHandover_ToTheResponsiblesFirstTouch()
    {
        var cells = new EngineScenario()
            .Deal(1, A, At(10, 1, 9), 100)
            .Deal(2, B, At(10, 1, 9), 100, null, Handover(At(10, 2, 10), A, B))
            .Activity(B, ActivityKind.CallOut, At(10, 1, 9, 30), 60, 4, deal: 1)   // not A's touch: ignored for deal 1
            .Activity(A, ActivityKind.CallOut, At(10, 1, 10), 60, 4, deal: 1)      // 60 min after creation
            .Activity(A, ActivityKind.CallOut, At(10, 1, 9, 15), 60, 4, deal: 2)   // 15 min after creation, A still responsible
            .Activity(B, ActivityKind.CallOut, At(10, 2, 10, 30), 60, 4, deal: 2)  // 30 min after the handover
            .Run();

        Assert.Equal([15m, 60m], cells[(A, "2026-10")].ResponseMinutes.Order());
        Assert.Equal([30m], cells[(B, "2026-10")].ResponseMinutes);
    }

    [Fact]
    public void TraceCell_AResponse_NamesTheTouchBehindIt()
    {
        var scenario = new EngineScenario()
            .Deal(1, A, At(10, 1, 9), 100)
            .Activity(B, ActivityKind.CallOut, At(10, 1, 9, 30), 60, 4, deal: 1, key: "call:b")
            .Activity(A, ActivityKind.CallOut, At(10, 1, 10), 60, 4, deal: 1, key: "call:a");
        var engine = scenario.NewEngine();
        var records = engine.TraceCell(new KpiSync.Kpis.Engine.CellKey(A, 0));

        scenario.Feed(engine).Complete();

        var response = Assert.Single(records, r => r.Indicator == IndicatorKeys.ResponseMinutes);
        Assert.Equal("call:a", response.SourceKey);
    }

    [Fact]
    public void NewClientsAndRepeatPurchases_ByTheClientsWholeHistory()
    {
        var cells = new EngineScenario()
            .Deal(1, A, At(10, 1), 100, d => d with { ClientId = 77, Product = "P1" }, Won(At(10, 3)))
            .Deal(2, B, At(10, 1), 100, d => d with { ClientId = 77, Product = "P2" }, Won(At(10, 9)))
            .Deal(3, B, At(10, 1), 100, d => d with { ClientId = 78, Product = "P2" }, Won(At(10, 10)))
            .Run();

        Assert.Equal(1, cells[(A, "2026-10")].NewClients);
        Assert.Equal(1, cells[(B, "2026-10")].RepeatPurchases);
        Assert.Equal(1, cells[(B, "2026-10")].NewClients);
        Assert.Equal(0.25m, Value(cells[(B, "2026-10")], IndicatorKeys.ProductCoverage, KpiSettings.Default with { ProductCatalogSize = 4 }));
    }

    [Fact]
    public void Attention_TouchesPerOpenDeal_PerSegment()
    {
        var cells = new EngineScenario()
            .Deal(1, A, At(10, 1), 100, d => d with { Segment = "SMB" })
            .Deal(2, A, At(10, 1), 100, d => d with { Segment = "SMB" })
            .Deal(3, A, At(10, 1), 100, d => d with { Segment = "Enterprise" })
            .Activity(A, ActivityKind.CallOut, At(10, 2), 60, 4, deal: 1)
            .Activity(A, ActivityKind.CallOut, At(10, 3), 60, 4, deal: 1)
            .Activity(A, ActivityKind.Meeting, At(10, 4), 3600, 1, deal: 3)
            .Activity(A, ActivityKind.Meeting, At(10, 5), 3600, 0, deal: 3)   // not completed: no touch
            .Run();

        var oct = cells[(A, "2026-10")];
        Assert.Equal(new AttentionCount(2, 2), oct.Attention["SMB"]);
        Assert.Equal(new AttentionCount(1, 1), oct.Attention["Enterprise"]);
        Assert.Equal(1m, Value(oct, IndicatorKeys.Attention));
    }

    [Fact]
    public void DealsFedInAnyOrder_GiveTheSameTotals()
    {
        var s = new EngineScenario()
            .Deal(1, A, At(10, 1), 100, d => d with { ClientId = 1 }, Won(At(10, 3)))
            .Deal(2, B, At(10, 1), 200, d => d with { ClientId = 1 }, Won(At(10, 3)))
            .Deal(3, A, At(10, 1), 300, null, Handover(At(10, 2), A, B), Lost(At(10, 4)));
        var forward = s.Run();
        var backward = s.Run(order: s.Deals.Reverse());

        Assert.Equal(forward.Keys.Order(), backward.Keys.Order());
        foreach (var (key, t) in forward)
        {
            Assert.Equal(KpiCalculator.Compute(t, KpiSettings.Default).Select(v => (v.Key, v.Value)),
                KpiCalculator.Compute(backward[key], KpiSettings.Default).Select(v => (v.Key, v.Value)));
        }
    }
}
