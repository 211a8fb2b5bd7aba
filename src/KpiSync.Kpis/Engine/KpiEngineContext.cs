using KpiSync.Kpis.Calendars;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Periods;

namespace KpiSync.Kpis.Engine;

/// <summary>Everything besides the facts that a run of <see cref="KpiEngine"/> depends on.</summary>
public sealed record KpiEngineContext(TimeZoneInfo Zone, PeriodGrid Grid, DateTimeOffset Now)
{
    /// <summary>Stages by (pipeline, stage id): amoCRM reuses 142/143 in every pipeline.</summary>
    public IReadOnlyDictionary<(long Pipeline, long Stage), StageInfo> Stages { get; init; } = new Dictionary<(long, long), StageInfo>();

    /// <summary>Active employees and the first instant they appear in the facts: they get a row for every period
    /// from then on, even a period with no activity at all (its idle time is then the whole nominal time).</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> ActiveEmployeesSince { get; init; } = new Dictionary<long, DateTimeOffset>();

    public WorkCalendar DefaultCalendar { get; init; } = WorkCalendar.Default;

    /// <summary>Per-employee calendars (other hours, holidays, absences); the default applies to the rest.</summary>
    public IReadOnlyDictionary<long, WorkCalendar> Calendars { get; init; } = new Dictionary<long, WorkCalendar>();

    /// <summary>How long a touch without a duration (a task, a meeting without one) occupies. Default 5 minutes.</summary>
    public TimeSpan TouchLength { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the CRM keeps invoices: then a deal owes what was invoiced for it (won or not), and a won deal without an
    /// invoice owes nothing; otherwise a won deal owes its price at the win (KPI.md, receivables). Default false.
    /// </summary>
    public bool OwedFromInvoices { get; init; }

    public WorkCalendar CalendarOf(long employee) => Calendars.TryGetValue(employee, out var c) ? c : DefaultCalendar;
}
