using System.Globalization;

namespace KpiSync.Crm;

/// <summary>Durations as people read them in a log line or an error: "250 ms", "2.5 s", "1 min 30 s", "2 h 5 min".</summary>
internal static class Durations
{
    public static string Human(TimeSpan d)
    {
        if (d < TimeSpan.Zero)
        {
            return "-" + Human(d.Negate());
        }

        return d switch
        {
            { TotalSeconds: < 1 } => F($"{Math.Round(d.TotalMilliseconds)} ms"),
            { TotalSeconds: < 10 } => F($"{Math.Round(d.TotalSeconds, 1):0.#} s"),
            { TotalMinutes: < 1 } => F($"{Math.Round(d.TotalSeconds)} s"),
            { TotalHours: < 1 } => Pair((int)d.TotalMinutes, "min", (int)Math.Round(d.TotalSeconds % 60), "s", 60),
            _ => Pair((int)d.TotalHours, "h", (int)Math.Round(d.TotalMinutes % 60), "min", 60),
        };
    }

    // Rounding the smaller unit may reach a whole larger one: 59.6 s past a minute is the next minute.
    private static string Pair(int big, string bigUnit, int small, string smallUnit, int per) =>
        small == per ? F($"{big + 1} {bigUnit}") : small == 0 ? F($"{big} {bigUnit}") : F($"{big} {bigUnit} {small} {smallUnit}");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
