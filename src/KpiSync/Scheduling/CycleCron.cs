using Cronos;

namespace KpiSync.Scheduling;

/// <summary>
/// Checks a cycle schedule: 5-field cron, as Hangfire reads it. A Quartz expression (seconds first, an optional year,
/// day-of-week 1 = Sunday) is refused with the 5-field expression that means the same, so an upgraded configuration
/// says what to write instead of silently firing 60 times as often.
/// </summary>
public static class CycleCron
{
    /// <summary>What is wrong with <paramref name="cron"/> as the value of <paramref name="key"/>, or null when it is a valid 5-field cron.</summary>
    public static string? Explain(string key, string? cron)
    {
        var fields = (cron ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length == 5)
        {
            return Parse(cron!) is { } error
                ? $"{key} '{cron}' is not a valid cron expression: {error} It takes 5 fields: minute hour day-of-month month day-of-week, e.g. '*/15 * * * *'."
                : null;
        }

        if (fields.Length is 6 or 7)
        {
            var equivalent = FromQuartz(fields);
            return $"{key} '{cron}' is a Quartz-style expression (seconds first{(fields.Length == 7 ? ", year last" : "")}); "
                + "it now takes 5 fields: minute hour day-of-month month day-of-week"
                + (equivalent is not null && Parse(equivalent) is null ? $". Use '{equivalent}'." : ", and this one has no 5-field equivalent.");
        }

        return $"{key} '{cron}' is not a cron expression: it takes 5 fields: minute hour day-of-month month day-of-week, e.g. '*/15 * * * *'.";
    }

    /// <summary>The 5-field expression that fires at the same minutes, or null when seconds or years make one impossible.</summary>
    internal static string? FromQuartz(IReadOnlyList<string> fields)
    {
        if (fields[0] != "0" || (fields.Count == 7 && fields[6] is not ("*" or "?")))
        {
            return null;
        }

        var minute = Field(fields[1]);
        var hour = Field(fields[2]);
        var dayOfMonth = Field(fields[3]);
        var month = Field(fields[4]);
        var dayOfWeek = DayOfWeek(Field(fields[5]));
        return dayOfWeek is null ? null : string.Join(' ', minute, hour, dayOfMonth, month, dayOfWeek);
    }

    /// <summary>"?" is "any"; "0/15" is "*/15".</summary>
    private static string Field(string field) => field == "?" ? "*" : field.StartsWith("0/", StringComparison.Ordinal) ? "*" + field[1..] : field;

    /// <summary>Quartz counts Sunday as 1, cron as 0: every number in the field moves down by one (names stay).</summary>
    private static string? DayOfWeek(string field)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            var previous = i > 0 ? field[i - 1] : ' ';
            // The number after '#' is the week of the month and after '/' a step: neither is a day.
            if (char.IsAsciiDigit(c) && previous is not ('#' or '/') && !char.IsAsciiDigit(previous))
            {
                var end = i;
                while (end < field.Length && char.IsAsciiDigit(field[end]))
                {
                    end++;
                }

                var day = int.Parse(field.AsSpan(i, end - i), System.Globalization.CultureInfo.InvariantCulture);
                if (day is < 1 or > 7)
                {
                    return null;
                }

                result.Append(day - 1);
                i = end - 1;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static string? Parse(string cron)
    {
        try
        {
            CronExpression.Parse(cron, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return e.Message.TrimEnd('.') + ".";
        }
    }
}
