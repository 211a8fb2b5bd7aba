using System.Globalization;

namespace KpiSync.Kpis.Periods;

/// <summary>A calendar month, half-open <c>[start, end)</c> in a connection's time zone; written <c>YYYY-MM</c>.</summary>
public readonly record struct MonthPeriod(int Year, int Month)
{
    public static bool TryParse(string? text, out MonthPeriod period)
    {
        period = default;
        if (text is null || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return false;
        }

        period = new MonthPeriod(d.Year, d.Month);
        return true;
    }

    /// <summary>The month that contains <paramref name="instant"/> as seen in <paramref name="zone"/>.</summary>
    public static MonthPeriod Containing(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new MonthPeriod(local.Year, local.Month);
    }

    /// <summary>The first instant of the month in <paramref name="zone"/>.</summary>
    public DateTimeOffset Start(TimeZoneInfo zone) => LocalMidnight(new DateTime(Year, Month, 1), zone);

    /// <summary>The first instant after the month in <paramref name="zone"/>.</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => LocalMidnight(new DateTime(Year, Month, 1).AddMonths(1), zone);

    public MonthPeriod Next() => Month == 12 ? new MonthPeriod(Year + 1, 1) : new MonthPeriod(Year, Month + 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    private static DateTimeOffset LocalMidnight(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
