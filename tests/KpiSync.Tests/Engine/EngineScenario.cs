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

    /// <summary>Runs the engine over Oct–Nov 2026 (or <paramref name="grid"/>) and returns cells by (employee, period key).</summary>
    /// <remarks>With <paramref name="partitions"/>, the activities go through that many engine partitions by employee, as a full recompute feeds them.</remarks>
    public Dictionary<(long Employee, string Period), EmployeePeriodTotals> Run(PeriodGrid? grid = null, IEnumerable<DealRecord>? order = null,
        int partitions = 0, bool captureParts = false)
    {
        grid ??= PeriodGrid.Months(Zone, At(10, 15), Now);
        var engine = new KpiEngine(new KpiEngineContext(Zone, grid, Now) { Stages = _stages }) { CaptureParts = captureParts };
        var parts = Enumerable.Range(0, partitions).Select(_ => engine.NewActivityPartition()).ToArray();
        foreach (var a in _activities)
        {
            (partitions == 0 ? engine : parts[(int)(a.EmployeeId % partitions)]).AddActivity(a);
        }

        foreach (var part in parts)
        {
            engine.AddActivitiesOf(part);
        }

        foreach (var d in order ?? _deals)
        {
            engine.AddDeal(d);
        }

        return engine.Complete().ToDictionary(kv => (kv.Key.EmployeeId, grid.Key(kv.Key.Period)), kv => kv.Value);
    }

    public IReadOnlyList<DealRecord> Deals => _deals;

    public static decimal? Value(EmployeePeriodTotals t, string key, KpiSettings? settings = null) =>
        KpiCalculator.Compute(t, settings ?? KpiSettings.Default).Single(v => v.Key == key).Value;
}
