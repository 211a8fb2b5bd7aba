using KpiSync.Kpis.Calendars;

namespace KpiSync.Kpis.Engine;

public sealed partial class KpiEngine
{
    /// <summary>
    /// Idle time counts completed working days only: today is still running, so it is counted tomorrow, and a period's
    /// nominal time never includes the future. Each day uses the employee's own calendar (hours, holidays, absences).
    /// </summary>
    private void CompleteIdle()
    {
        var today = LocalDate(Context.Now);
        foreach (var (cell, totals) in _cells)
        {
            var calendar = Context.CalendarOf(cell.EmployeeId);
            var nominalPerDay = calendar.NominalSeconds;
            var first = LocalDate(Context.Grid.Start(cell.Period));
            var end = LocalDate(Context.Grid.End(cell.Period));
            for (var day = first; day < end && day < today; day = day.AddDays(1))
            {
                if (!calendar.IsWorkingDay(day))
                {
                    continue;
                }

                totals.NominalSeconds += nominalPerDay;
                if (_daysCovered)
                {
                    totals.CoveredSeconds += _days!.TryGetValue((cell.EmployeeId, day), out var d) ? d.CoveredSeconds : 0;
                    continue;
                }

                var span = _dayIndex is { } index && index.TryGet(cell.EmployeeId, day, out var id) ? _intervals.Get(id) : [];
                if (span.IsEmpty)
                {
                    continue;
                }

                span.Sort(static (x, y) => x.Start.CompareTo(y.Start));
                totals.CoveredSeconds += IdleTime.CoveredSeconds(calendar, Context.Zone, day, span);
            }
        }
    }
}
