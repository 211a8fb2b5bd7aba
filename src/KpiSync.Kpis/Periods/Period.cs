using System.Globalization;

namespace KpiSync.Kpis.Periods;

/// <summary>
/// A month, ISO week (Monday start) or day: half-open <c>[Start, End)</c> between local midnights of a
/// connection's zone. <see cref="First"/> is always the period's first day; use <see cref="Of"/> for any day in it.
/// </summary>
public readonly record struct Period
{
    public Period(PeriodKind kind, DateOnly first)
    {
        if (Of(kind, first).First != first)
        {
            throw new ArgumentException($"{first:yyyy-MM-dd} is not the first day of a {kind}.", nameof(first));
        }

        Kind = kind;
        First = first;
    }

    private Period(DateOnly first, PeriodKind kind)
    {
        Kind = kind;
        First = first;
    }

    public PeriodKind Kind { get; }

    public DateOnly First { get; }

    /// <summary>The first day after the period.</summary>
    public DateOnly LastDayExclusive => Kind switch
    {
        PeriodKind.Month => First.AddMonths(1),
        PeriodKind.Week => First.AddDays(7),
        _ => First.AddDays(1),
    };

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="day"/>.</summary>
    public static Period Of(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Month => new(new DateOnly(day.Year, day.Month, 1), kind),
        PeriodKind.Week => new(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), kind),
        PeriodKind.Day => new(day, kind),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The period that contains <paramref name="instant"/> as seen in <paramref name="zone"/>.</summary>
    public static Period Containing(DateTimeOffset instant, TimeZoneInfo zone, PeriodKind kind)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Of(kind, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));
    }

    public Period Next() => new(LastDayExclusive, Kind);

    public Period Previous() => Of(Kind, First.AddDays(-1));

    /// <summary>The first instant of the period: local midnight in <paramref name="zone"/>.</summary>
    public DateTimeOffset Start(TimeZoneInfo zone) => Midnight(First, zone);

    /// <summary>The first instant after the period.</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => Midnight(LastDayExclusive, zone);

    public IEnumerable<DateOnly> Days()
    {
        for (var d = First; d < LastDayExclusive; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    /// <summary>Accepts <c>2026-10</c> (month), <c>2026-W43</c> (ISO week) and <c>2026-10-20</c> (day), nothing else.</summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        var c = CultureInfo.InvariantCulture;
        if (text is { Length: 8 } && text[4] == '-' && text[5] == 'W'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, c, out var year)
            && int.TryParse(text.AsSpan(6, 2), NumberStyles.None, c, out var week)
            && year >= 1 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year))
        {
            period = new(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)), PeriodKind.Week);
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM", c, DateTimeStyles.None, out var month))
        {
            period = new(month, PeriodKind.Month);
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", c, DateTimeStyles.None, out var day))
        {
            period = new(day, PeriodKind.Day);
            return true;
        }

        return false;
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        return Kind switch
        {
            PeriodKind.Month => First.ToString("yyyy-MM", c),
            PeriodKind.Week => string.Create(c, $"{ISOWeek.GetYear(First.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(First.ToDateTime(TimeOnly.MinValue)):D2}"),
            _ => First.ToString("yyyy-MM-dd", c),
        };
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return LocalClock.ToInstant(day.ToDateTime(TimeOnly.MinValue), zone);
    }
}
