using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using KpiSync.Kpis.Json;
using static KpiSync.Kpis.Json.JsonFieldReader;

namespace KpiSync.Kpis.Calendars;

/// <summary>
/// Reads and writes a <see cref="WorkCalendar"/> as JSON. Every property is optional and defaults to
/// <see cref="WorkCalendar.Default"/>; unknown and duplicate properties are errors:
/// <code>
/// {
///   "work_days": ["monday", "tuesday", "wednesday", "thursday", "friday"],
///   "day_start": "09:00",        // HH:mm or HH:mm:ss, local time of the connection's zone
///   "day_end": "18:00",          // after day_start
///   "lunch_start": "13:00",      // both or neither; both null for no break; within the day
///   "lunch_end": "14:00",
///   "holidays": ["2026-11-04"],  // yyyy-MM-dd
///   "absences": ["2026-10-12"]
/// }
/// </code>
/// </summary>
public static partial class WorkCalendarJson
{
    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    public static WorkCalendarParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var r = new JsonFieldReader();
        using var document = r.Open(json);
        WorkCalendar? calendar = null;
        if (document is not null
            && r.Object(document.RootElement, "$", "work_days", "day_start", "day_end", "lunch_start", "lunch_end", "holidays", "absences"))
        {
            calendar = Read(r, document.RootElement);
        }

        return r.HasErrors
            ? new WorkCalendarParseResult(null, [.. r.Errors.Select(e => new CalendarError(e.Path, e.Message))])
            : new WorkCalendarParseResult(calendar, []);
    }

    private static WorkCalendar Read(JsonFieldReader r, JsonElement root)
    {
        var d = WorkCalendar.Default;
        var start = Time(r, root, "day_start") ?? d.DayStart;
        var end = Time(r, root, "day_end") ?? d.DayEnd;
        r.Check(end > start, "$.day_end", $"must be after day_start ({Text(start)})");

        var (lunchStart, lunchEnd) = (d.LunchStart, d.LunchEnd);
        var hasStart = root.TryGetProperty("lunch_start", out var rawStart);
        var hasEnd = root.TryGetProperty("lunch_end", out var rawEnd);
        if (hasStart || hasEnd)
        {
            (lunchStart, lunchEnd) = (Time(r, root, "lunch_start"), Time(r, root, "lunch_end"));
            if (!hasStart || !hasEnd)
            {
                r.Error(hasStart ? "$.lunch_end" : "$.lunch_start", $"required with {(hasStart ? "lunch_start" : "lunch_end")}");
            }
            else if ((rawStart.ValueKind == JsonValueKind.Null) != (rawEnd.ValueKind == JsonValueKind.Null))
            {
                r.Error("$.lunch_end", "lunch_start and lunch_end are both times, or both null for no break");
            }
            else if (lunchStart is { } ls && lunchEnd is { } le && r.Check(le > ls, "$.lunch_end", $"must be after lunch_start ({Text(ls)})"))
            {
                r.Check(ls >= start && le <= end, "$.lunch_start", $"the break must lie within the working day ({Text(start)}–{Text(end)})");
            }
        }

        return new WorkCalendar
        {
            WorkDays = WorkDays(r, root) ?? d.WorkDays,
            DayStart = start,
            DayEnd = end,
            LunchStart = lunchStart,
            LunchEnd = lunchEnd,
            Holidays = Dates(r, root, "holidays"),
            Absences = Dates(r, root, "absences"),
        };
    }

    private static TimeOnly? Time(JsonFieldReader r, JsonElement root, string name)
    {
        var text = r.String(root, "$", name, required: false);
        if (text is null)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        r.Error(Child("$", name), $"'{text}' is not a time HH:mm");
        return null;
    }

    private static FrozenSet<DayOfWeek>? WorkDays(JsonFieldReader r, JsonElement root)
    {
        if (r.Array(root, "$", "work_days", required: false) is not { } array)
        {
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        var i = 0;
        foreach (var e in array.EnumerateArray())
        {
            var path = Item("$.work_days", i++);
            var index = e.ValueKind == JsonValueKind.String ? Array.IndexOf(DayNames, e.GetString()) : -1;
            if (r.Check(index >= 0, path, $"unknown day {e.GetRawText()}; expected monday … sunday"))
            {
                r.Check(days.Add((DayOfWeek)index), path, "duplicate day");
            }
        }

        r.Check(i > 0, "$.work_days", "at least one working day");
        return days.ToFrozenSet();
    }

    private static FrozenSet<DateOnly> Dates(JsonFieldReader r, JsonElement root, string name)
    {
        var dates = new HashSet<DateOnly>();
        if (r.Array(root, "$", name, required: false) is { } array)
        {
            var i = 0;
            foreach (var e in array.EnumerateArray())
            {
                var path = Item(Child("$", name), i++);
                var date = default(DateOnly);
                var ok = e.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(e.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
                if (r.Check(ok, path, $"{e.GetRawText()} is not a date yyyy-MM-dd"))
                {
                    dates.Add(date);
                }
            }
        }

        return dates.ToFrozenSet();
    }

    private static string Text(TimeOnly time) => time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
