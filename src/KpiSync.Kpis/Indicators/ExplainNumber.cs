using System.Globalization;

namespace KpiSync.Kpis.Indicators;

/// <summary>
/// A number as an explanation shows it (CLI <c>explain</c>, the dashboard's explanation page, the numbers inside pay-line
/// formulas): an index or a ratio like 11 / 9.5 is exact to 28 digits, of which a reader checking the arithmetic can use
/// <see cref="Places"/>. What is stored and paid is never rounded by this.
/// </summary>
public static class ExplainNumber
{
    public const int Places = 6;

    /// <summary>Rounded to <see cref="Places"/> when stored to more; otherwise as stored (money keeps its cents).</summary>
    public static string Format(decimal? value) => value is not { } d ? "null"
        : d.Scale <= Places ? d.ToString(CultureInfo.InvariantCulture)
        : Round(d).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A pay line's amount as a payslip shows it: to the cent. The pay itself keeps its exact value.</summary>
    public static string Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static decimal Round(decimal value) => Math.Round(value, Places, MidpointRounding.AwayFromZero);
}
