using System.Collections.Frozen;

namespace KpiSync.Kpis.Calendars;

/// <summary>
/// An employee's (or a connection's) working time, in local wall-clock time of the connection's zone.
/// Defaults are KPI.md's: Mon–Fri 09:00–18:00 with 13:00–14:00 off, 8 nominal hours. A working day ends
/// by midnight (night shifts are not modelled). Stored as JSON, see <see cref="WorkCalendarJson"/>.
/// </summary>
public sealed record WorkCalendar
{
    private static readonly FrozenSet<DayOfWeek> MondayToFriday =
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.ToFrozenSet();

    public static WorkCalendar Default { get; } = new();

    public IReadOnlySet<DayOfWeek> WorkDays { get; init; } = MondayToFriday;

    public TimeOnly DayStart { get; init; } = new(9, 0);

    public TimeOnly DayEnd { get; init; } = new(18, 0);

    /// <summary>Start of the daily break; null (with <see cref="LunchEnd"/>) for none.</summary>
    public TimeOnly? LunchStart { get; init; } = new(13, 0);

    public TimeOnly? LunchEnd { get; init; } = new(14, 0);

    public IReadOnlySet<DateOnly> Holidays { get; init; } = FrozenSet<DateOnly>.Empty;

    /// <summary>The employee's own days off (vacation, sick leave): skipped like holidays.</summary>
    public IReadOnlySet<DateOnly> Absences { get; init; } = FrozenSet<DateOnly>.Empty;

    /// <summary>Seconds of work in a working day: the day minus the part of the break inside it.</summary>
    public int NominalSeconds
    {
        get
        {
            var day = Math.Max(0L, DayEnd.Ticks - DayStart.Ticks);
            var lunch = LunchStart is { } ls && LunchEnd is { } le
                ? Math.Max(0L, Math.Min(le.Ticks, DayEnd.Ticks) - Math.Max(ls.Ticks, DayStart.Ticks))
                : 0L;
            return (int)((day - lunch) / TimeSpan.TicksPerSecond);
        }
    }

    public decimal NominalHours => NominalSeconds / 3600m;

    /// <summary>A work day of the week that is neither a holiday nor one of the employee's absences.</summary>
    public bool IsWorkingDay(DateOnly day) => WorkDays.Contains(day.DayOfWeek) && !Holidays.Contains(day) && !Absences.Contains(day);
}
