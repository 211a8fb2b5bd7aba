namespace KpiSync.Kpis.Indicators;

/// <summary>Stable indicator keys shared by the KPI store, the CLI's JSON, the dashboard and CRM fields (KPI.md).</summary>
public static class IndicatorKeys
{
    public const string Calls = "calls";
    public const string CallsOut = "calls_out";
    public const string CallsIn = "calls_in";
    public const string CallSeconds = "call_seconds";
    public const string CallsAttempted = "calls_attempted";
    public const string Meetings = "meetings";
    public const string Touches = "touches";
    public const string DealsCreated = "deals_created";
    public const string DealsInWork = "deals_in_work";
    public const string ResponseMinutes = "response_minutes";
    public const string ResponseMinutesP90 = "response_minutes_p90";
    public const string Attention = "attention";
    public const string DealsWon = "deals_won";
    public const string DealsLost = "deals_lost";
    public const string Revenue = "revenue";
    public const string Conversion = "conversion";
    public const string CohortConversion = "cohort_conversion";
    public const string Funnel = "funnel_conversion";
    public const string AverageCheck = "average_check";
    public const string Receivables = "receivables";
    public const string ReceivablesOverdue = "receivables_overdue";
    public const string IdleHours = "idle_hours";
    public const string ActiveHours = "active_hours";
    public const string Profit = "profit";
    public const string RealDealShare = "real_deal_share";
    public const string NewClients = "new_clients";
    public const string RepeatPurchases = "repeat_purchases";
    public const string ProductCoverage = "product_coverage";
    public const string Payments = "payments";
    public const string KpiIndex = "kpi_index";
    public const string PayTotal = "pay_total";

    /// <summary>Funnel conversion of one stage: <c>funnel_conversion:{stage_id}</c>.</summary>
    public static string FunnelConversion(long stageId) => $"{Funnel}:{stageId}";

    /// <summary>Touches per open deal in one client segment: <c>attention:{segment}</c>.</summary>
    public static string AttentionIn(string segment) => $"{Attention}:{segment}";

    /// <summary>Every fixed key the calculator gives each employee-period, in display order (per-stage funnel and
    /// per-segment attention keys come on top, as the data has them; index and pay come from a scheme).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Calls, CallsOut, CallsIn, CallSeconds, CallsAttempted, Meetings, Touches, DealsCreated, DealsInWork,
        ResponseMinutes, ResponseMinutesP90, Attention, DealsWon, DealsLost, Revenue, Conversion, CohortConversion, Funnel,
        AverageCheck, Receivables, ReceivablesOverdue, IdleHours, ActiveHours, Profit, RealDealShare, NewClients,
        RepeatPurchases, ProductCoverage, Payments,
    ];

    /// <summary>Keys whose lower values are better (KPI.md "Plans, weights and the KPI index").</summary>
    public static bool LowerIsBetter(string key) =>
        key is IdleHours or Receivables or ReceivablesOverdue or ResponseMinutes or ResponseMinutesP90;
}
