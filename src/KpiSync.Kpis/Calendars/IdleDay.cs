namespace KpiSync.Kpis.Calendars;

/// <summary>One working day's nominal and covered seconds.</summary>
public sealed record IdleDay(DateOnly Day, int NominalSeconds, int CoveredSeconds)
{
    public int IdleSeconds => NominalSeconds - CoveredSeconds;
}
