using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KpiSync.Kpis.Calendars;

public static partial class WorkCalendarJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, NewLine = "\n" };

    /// <summary>Canonical indented JSON with every property; days Monday first, dates ascending.</summary>
    public static string Write(WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("work_days");
            foreach (var day in calendar.WorkDays.OrderBy(d => ((int)d + 6) % 7))
            {
                w.WriteStringValue(DayNames[(int)day]);
            }

            w.WriteEndArray();
            w.WriteString("day_start", Text(calendar.DayStart));
            w.WriteString("day_end", Text(calendar.DayEnd));
            WriteTime(w, "lunch_start", calendar.LunchStart);
            WriteTime(w, "lunch_end", calendar.LunchEnd);
            WriteDates(w, "holidays", calendar.Holidays);
            WriteDates(w, "absences", calendar.Absences);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteTime(Utf8JsonWriter w, string name, TimeOnly? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, Text(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteDates(Utf8JsonWriter w, string name, IReadOnlySet<DateOnly> dates)
    {
        w.WriteStartArray(name);
        foreach (var d in dates.Order())
        {
            w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        w.WriteEndArray();
    }
}
