namespace KpiSync.Kpis.Calendars;

/// <summary>One mistake in a calendar's JSON; <see cref="Path"/> is a JSON path such as <c>$.holidays[2]</c>.</summary>
public sealed record CalendarError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
