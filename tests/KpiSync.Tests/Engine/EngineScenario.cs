using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;

namespace KpiSync.Tests.Engine;

/// <summary>A small fluent builder of engine runs over October–November 2026 in one time zone, "now" on 2026-11-20.</summary>
internal sealed class EngineScenario(string zone = "UTC")
{
    public const long A = 7, B = 8;
    private readonly List<ActivityFact> _activities = [];
    private readonly List<DealRecord> _deals = [];
    private readonly Dictionary<(long, long), StageInfo> _stages = new()
    {
        [(1, 10)] = new(1, 10, 10, StageOutcome.Open),
        [(1, 20)] = new(1, 20, 20, StageOutcome.Open),
        [(1, 142)] = new(1, 142, 10000, StageOutcome.Won),
        [(1, 143)] = new(1, 143, 11000, StageOutcome.Lost),
    };

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(zone);

    public DateTimeOffset Now { get; set; } = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The account keeps invoices (<see cref="KpiEngineContext.OwedFromInvoices"/>).</summary>
    public bool OwedFromInvoices { get; set; }

    public static DateTimeOffset At(int month, int day, int hour = 12, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    public EngineScenario Stage(long id, int sort, StageOutcome outcome = StageOutcome.Open, StagePhase? phase = null)
    {
        _stages[(1, id)] = new StageInfo(1, id, sort, outcome, phase);
        return this;
    }

    public EngineScenario Activity(long employee, ActivityKind kind, DateTimeOffset at, int seconds = 0, short? outcome = null, long? deal = null, string? key = null)
    {
        _activities.Add(new ActivityFact(employee, kind, at, seconds, outcome, deal, key ?? $"a{_activities.Count}"));
        return this;
    }

    public EngineScenario Deal(long id, long responsible, DateTimeOffset created, decimal price, Func<DealRecord, DealRecord>? shape = null, params DealFact[] facts)
    {
        var deal = new DealRecord(id, responsible, 1, facts.LastOrDefault(f => f.StageTo is not null).StageTo ?? 10, created, price,
            facts.OrderBy(f => f.At).ToList());
        _deals.Add(shape is null ? deal : shape(deal));
        return this;
    }

    public static DealFact Won(DateTimeOffset at, decimal? amount = null, long from = 10) => new(DealFactKind.Won, at, from, 142, amount, SourceKey: $"won@{at:O}");

    public static DealFact Lost(DateTimeOffset at, long from = 10) => new(DealFactKind.Lost, at, from, 143);

    public static DealFact Reopened(DateTimeOffset at, long to = 10) => new(DealFactKind.Reopened, at, 142, to);

    public static DealFact Moved(DateTimeOffset at, long from, long to) => new(DealFactKind.StageChanged, at, from, to);

    public static DealFact Handover(DateTimeOffset at, long from, long to) => new(DealFactKind.ResponsibleChanged, at, FromEmployee: from, ToEmployee: to);

    public static DealFact Paid(DateTimeOffset at, decimal amount) => new(DealFactKind.Payment, at, Amount: amount);

    public static DealFact Invoiced(DateTimeOffset at, decimal amount) => new(DealFactKind.Invoiced, at, Amount: amount);

    public static DealFact InvoicePaid(DateTimeOffset at, decimal amount) => new(DealFactKind.InvoicePayment, at, Amount: amount);

    /// <summary>Runs the engine over Oct–Nov 2026 (or <paramref name="grid"/>) and returns cells by (employee, period key).</summary>
    /// <remarks>With <paramref name="partitions"/>, the activities go through that many engine partitions by employee, as a full recompute feeds them.</remarks>
    public Dictionary<(long Employee, string Period), EmployeePeriodTotals> Run(PeriodGrid? grid = null, IEnumerable<DealRecord>? order = null,
        int partitions = 0, bool captureParts = false, bool fanOut = false)
    {
        grid ??= Grid;
        var engine = Feed(NewEngine(grid, captureParts), order, partitions, fanOut: fanOut);
        return engine.Complete().ToDictionary(kv => (kv.Key.EmployeeId, grid.Key(kv.Key.Period)), kv => kv.Value);
    }

    /// <summary>Oct–Nov 2026, the grid <see cref="Run"/> uses unless told otherwise.</summary>
    public PeriodGrid Grid => PeriodGrid.Months(Zone, At(10, 15), Now);

    public KpiEngine NewEngine(PeriodGrid? grid = null, bool captureParts = false, Func<Action<DealParts>>? sinks = null) =>
        new(new KpiEngineContext(Zone, grid ?? Grid, Now) { Stages = _stages, OwedFromInvoices = OwedFromInvoices }) { CaptureParts = captureParts, PartsSinks = sinks };

    /// <summary>
    /// Feeds every activity, through <paramref name="partitions"/> engine partitions by employee when asked, then the deals:
    /// one by one, or in <paramref name="dealShares"/> shares on two threads (<see cref="KpiEngine.AddDeals(IReadOnlyList{DealRecord}, int)"/>).
    /// With <paramref name="fanOut"/>, the partitions take their activities through an <see cref="ActivityFanOut"/>, as a full recompute feeds them.
    /// </summary>
    public KpiEngine Feed(KpiEngine engine, IEnumerable<DealRecord>? order = null, int partitions = 0, int dealShares = 0, bool fanOut = false)
    {
        var parts = Enumerable.Range(0, partitions).Select(_ => engine.NewActivityPartition()).ToArray();
        if (fanOut)
        {
            using var router = new ActivityFanOut(parts);
            foreach (var a in _activities)
            {
                router.Add(a);
            }

            router.Complete();
        }
        else
        {
            foreach (var a in _activities)
            {
                (partitions == 0 ? engine : parts[(int)(a.EmployeeId % partitions)]).AddActivity(a);
            }
        }

        foreach (var part in parts)
        {
            engine.AddActivitiesOf(part);
        }

        if (dealShares > 0)
        {
            engine.AddDeals([.. order ?? _deals], threads: 2, dealShares);
            return engine;
        }

        foreach (var d in order ?? _deals)
        {
            engine.AddDeal(d);
        }

        return engine;
    }

    /// <summary>
    /// Random facts over Oct–Nov 2026 for five employees: deals with hand-overs, wins, losses and payments (amounts of
    /// several decimal scales), products, segments and clients winning more than once, and activities, a third of them
    /// touches on no deal, the rest on a random deal.
    /// </summary>
    public static EngineScenario Random(int seed, string zone, int deals = 12, int activities = 400)
    {
        var random = new Random(seed);
        var scenario = new EngineScenario(zone).Stage(10, 10).Stage(20, 20, phase: StagePhase.Real);
        long[] employees = [A, B, 9, 10, 11];
        for (var deal = 1; deal <= deals; deal++)
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

            facts.Add(random.Next(3) switch
            {
                0 => Won(created.AddDays(10 + random.Next(20)), 1000),
                1 => Lost(created.AddDays(12)),
                _ => Paid(created.AddDays(5), deal % 2 == 0 ? 10 : 10.50m),
            });
            var product = deal % 3 == 0 ? null : $"P{deal % 3}";
            scenario.Deal(deal, owner, created, 100 * deal, d => d with { Segment = deal % 2 == 0 ? "SMB" : "Enterprise", ClientId = deal % 4, Product = product },
                [.. facts]);
        }

        for (var i = 0; i < activities; i++)
        {
            var kind = (ActivityKind)random.Next(4);
            var at = At(10 + random.Next(2), 1 + random.Next(28), random.Next(24), random.Next(60));
            scenario.Activity(employees[random.Next(employees.Length)], kind, at, random.Next(3) * 1800, (short)(kind is ActivityKind.CallIn or ActivityKind.CallOut ? 4 : random.Next(2)),
                random.Next(3) == 0 ? null : 1 + random.Next(deals));
        }

        return scenario;
    }

    public IReadOnlyList<DealRecord> Deals => _deals;

    public static decimal? Value(EmployeePeriodTotals t, string key, KpiSettings? settings = null) =>
        KpiCalculator.Compute(t, settings ?? KpiSettings.Default).Single(v => v.Key == key).Value;
}
