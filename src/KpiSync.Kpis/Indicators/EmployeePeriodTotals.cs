namespace KpiSync.Kpis.Indicators;

/// <summary>
/// What one employee accumulated in one period: the counts, sums and samples the rules in <see cref="KpiCalculator"/>
/// turn into indicator values. Filled by <see cref="Engine.KpiEngine"/>; tests fill it by hand.
/// </summary>
public sealed partial class EmployeePeriodTotals
{
    public long CallsOut { get; set; }
    public long CallsIn { get; set; }
    public long CallSeconds { get; set; }
    public long CallsAttempted { get; set; }
    public long Meetings { get; set; }
    public long TasksDone { get; set; }

    /// <summary>Calls (answered or not), completed meetings and completed tasks.</summary>
    public long Touches { get; set; }

    public long DealsCreated { get; set; }
    public long DealsWon { get; set; }
    public long DealsLost { get; set; }

    /// <summary>Sum of each won deal's price at the moment of the win.</summary>
    public decimal RevenueWon { get; set; }

    public decimal CostWon { get; set; }
    public long LaborSecondsWon { get; set; }
    public decimal Payments { get; set; }

    /// <summary>Deals created in the period, and how many of them are won by now (cohort conversion).</summary>
    public long CohortCreated { get; set; }

    public long CohortWon { get; set; }

    /// <summary>Open deals at the end of the period (or now, for the running period).</summary>
    public long DealsInWork { get; set; }

    public decimal Receivables { get; set; }
    public decimal ReceivablesOverdue { get; set; }
    public long PotentialDeals { get; set; }
    public long RealDeals { get; set; }
    public long NewClients { get; set; }
    public long RepeatPurchases { get; set; }
    public HashSet<string> ProductsSold => _productsSold ??= new(StringComparer.Ordinal);

    /// <summary>Working seconds in the period's completed working days, and the part of them covered by activity.</summary>
    public long NominalSeconds { get; set; }

    public long CoveredSeconds { get; set; }

    /// <summary>Minutes from each creation or assignment to the responsible's first touch, counted where the touch fell.</summary>
    public List<decimal> ResponseMinutes => _responseMinutes ??= [];

    /// <summary>Per stage id: deals that entered it in the period, and how many of them later went further (not lost).</summary>
    public SortedDictionary<long, FunnelCount> Funnel => _funnel ??= [];

    /// <summary>Deals entering their pipeline's first stage in the period, and how many of them are won by now.</summary>
    public FunnelCount FunnelOverall { get; set; }

    /// <summary>Per client segment: the employee's touches on their open deals of the segment, and those deals.</summary>
    public SortedDictionary<string, AttentionCount> Attention => _attention ??= new(StringComparer.Ordinal);

    public AttentionCount AttentionOverall { get; set; }
}
