namespace KpiSync.Kpis.Engine;

/// <summary>
/// One employee's activities on one local day: a month's activity totals are the sum of its days, so an
/// incremental recompute redoes only the days new activities fall on. <see cref="Activities"/> counts every activity
/// made that day (a task not completed too: it still puts the employee on the month's board); <see cref="CoveredSeconds"/>
/// is the working time covered that day, intervals from the day before reaching past midnight included.
/// </summary>
public sealed class ActivityDay
{
    public int Activities { get; set; }
    public long CallsOut { get; set; }
    public long CallsIn { get; set; }
    public long CallSeconds { get; set; }
    public long CallsAttempted { get; set; }
    public long Meetings { get; set; }
    public long TasksDone { get; set; }
    public long Touches { get; set; }
    public long CoveredSeconds { get; set; }

    public bool SameAs(ActivityDay o) =>
        Activities == o.Activities && CallsOut == o.CallsOut && CallsIn == o.CallsIn && CallSeconds == o.CallSeconds && CallsAttempted == o.CallsAttempted
        && Meetings == o.Meetings && TasksDone == o.TasksDone && Touches == o.Touches && CoveredSeconds == o.CoveredSeconds;
}
