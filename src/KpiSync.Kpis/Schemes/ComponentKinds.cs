namespace KpiSync.Kpis.Schemes;

/// <summary>The JSON <c>kind</c> of each pay component, numbered as in KPI.md "Pay".</summary>
public static class ComponentKinds
{
    public const string LinearBonus = "linear_bonus";
    public const string BandTable = "band_table";
    public const string ActionsReward = "actions_reward";
    public const string SalesBonus = "sales_bonus";
    public const string HourlyPay = "hourly_pay";
    public const string PerUnitPenalty = "per_unit_penalty";
    public const string IndicatorBonuses = "indicator_bonuses";

    public static IReadOnlyList<string> All { get; } =
        [LinearBonus, BandTable, ActionsReward, SalesBonus, HourlyPay, PerUnitPenalty, IndicatorBonuses];
}
