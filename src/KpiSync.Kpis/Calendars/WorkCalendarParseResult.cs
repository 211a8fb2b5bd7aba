namespace KpiSync.Kpis.Calendars;

/// <summary>Either a calendar and no errors, or no calendar and every error found.</summary>
public sealed record WorkCalendarParseResult(WorkCalendar? Calendar, IReadOnlyList<CalendarError> Errors);
