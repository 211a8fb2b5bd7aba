using System.Globalization;

namespace KpiSync.Recompute;

/// <summary>
/// A number as an explanation shows it (CLI <c>explain</c>, the dashboard's explanation page): as stored, or — when
/// stored to more than 6 places, as an index or a ratio like 11 / 9.5 is (exact to 28 digits) — rounded to 6 places,
/// which is all a reader checking the arithmetic can use. Money keeps its cents.
/// </summary>
internal static class ExplainNumber
{
    public static string Format(decimal? value) => value is not { } d ? "null"
        : d.Scale <= 6 ? d.ToString(CultureInfo.InvariantCulture)
        : Math.Round(d, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture);
}
