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
    public const string DealsWon = "deals_won";
    public const string DealsLost = "deals_lost";
    public const string Revenue = "revenue";
    public const string Conversion = "conversion";
    public const string AverageCheck = "average_check";

    /// <summary>Every key v1 computes, in display order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Calls, CallsOut, CallsIn, CallSeconds, CallsAttempted, Meetings,
        DealsWon, DealsLost, Revenue, Conversion, AverageCheck,
    ];
}
