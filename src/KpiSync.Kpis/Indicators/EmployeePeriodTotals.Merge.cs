namespace KpiSync.Kpis.Indicators;

public sealed partial class EmployeePeriodTotals
{
    // Allocated on first use: an incremental recompute keeps one totals object per deal and period (its part), most of
    // which never see a product, a response, a funnel entry or a segment.
    private HashSet<string>? _productsSold;
    private List<decimal>? _responseMinutes;
    private SortedDictionary<long, FunnelCount>? _funnel;
    private SortedDictionary<string, AttentionCount>? _attention;

    /// <summary>Adds <paramref name="other"/>'s totals to these: a cell is the sum of its parts (incremental recompute).</summary>
    public void Add(EmployeePeriodTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CallsOut += other.CallsOut;
        CallsIn += other.CallsIn;
        CallSeconds += other.CallSeconds;
        CallsAttempted += other.CallsAttempted;
        Meetings += other.Meetings;
        TasksDone += other.TasksDone;
        Touches += other.Touches;
        DealsCreated += other.DealsCreated;
        DealsWon += other.DealsWon;
        DealsLost += other.DealsLost;
        RevenueWon += other.RevenueWon;
        CostWon += other.CostWon;
        LaborSecondsWon += other.LaborSecondsWon;
        Payments += other.Payments;
        CohortCreated += other.CohortCreated;
        CohortWon += other.CohortWon;
        DealsInWork += other.DealsInWork;
        Receivables += other.Receivables;
        ReceivablesOverdue += other.ReceivablesOverdue;
        PotentialDeals += other.PotentialDeals;
        RealDeals += other.RealDeals;
        NewClients += other.NewClients;
        RepeatPurchases += other.RepeatPurchases;
        NominalSeconds += other.NominalSeconds;
        CoveredSeconds += other.CoveredSeconds;
        FunnelOverall = new FunnelCount(FunnelOverall.Entered + other.FunnelOverall.Entered, FunnelOverall.Advanced + other.FunnelOverall.Advanced);
        AttentionOverall = new AttentionCount(AttentionOverall.Touches + other.AttentionOverall.Touches, AttentionOverall.OpenDeals + other.AttentionOverall.OpenDeals);
        if (other._productsSold is { Count: > 0 } products)
        {
            ProductsSold.UnionWith(products);
        }

        if (other._responseMinutes is { Count: > 0 } minutes)
        {
            ResponseMinutes.AddRange(minutes);
        }

        foreach (var (stage, n) in other._funnel ?? [])
        {
            var mine = Funnel.GetValueOrDefault(stage);
            Funnel[stage] = new FunnelCount(mine.Entered + n.Entered, mine.Advanced + n.Advanced);
        }

        foreach (var (segment, n) in other._attention ?? [])
        {
            var mine = Attention.GetValueOrDefault(segment);
            Attention[segment] = new AttentionCount(mine.Touches + n.Touches, mine.OpenDeals + n.OpenDeals);
        }
    }

    /// <summary>Back to all zeros, keeping the collections' storage (the engine reuses a deal's parts for the next deal).</summary>
    public void Clear()
    {
        CallsOut = CallsIn = CallSeconds = CallsAttempted = Meetings = TasksDone = Touches = 0;
        DealsCreated = DealsWon = DealsLost = LaborSecondsWon = CohortCreated = CohortWon = DealsInWork = PotentialDeals = RealDeals = 0;
        NewClients = RepeatPurchases = NominalSeconds = CoveredSeconds = 0;
        RevenueWon = CostWon = Payments = Receivables = ReceivablesOverdue = 0;
        FunnelOverall = default;
        AttentionOverall = default;
        _productsSold?.Clear();
        _responseMinutes?.Clear();
        _funnel?.Clear();
        _attention?.Clear();
    }

    /// <summary>The collections that were used (null otherwise), for a codec that must not allocate the unused ones.</summary>
    public (HashSet<string>? Products, List<decimal>? Responses, SortedDictionary<long, FunnelCount>? Funnel, SortedDictionary<string, AttentionCount>? Attention) Collections =>
        (_productsSold, _responseMinutes, _funnel, _attention);
}
