namespace KpiSync.Kpis.Indicators;

/// <summary>Money is decimal, rounded half away from zero to 2 places only at the end (KPI.md).</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
