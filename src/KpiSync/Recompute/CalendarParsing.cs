using KpiSync.Kpis.Calendars;
using KpiSync.Storage;

namespace KpiSync.Recompute;

/// <summary>Stored calendars were validated on the way in; one that no longer parses names its owner.</summary>
internal static class CalendarParsing
{
    public static WorkCalendar Parse(string json, long employee)
    {
        var (calendar, errors) = WorkCalendarJson.Parse(json);
        return calendar ?? throw new StorageException(
            $"The stored work calendar of {(employee == CalendarStore.ConnectionDefault ? "the connection" : $"employee {employee}")} does not parse: {string.Join("; ", errors)}");
    }
}
