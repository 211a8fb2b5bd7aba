using System.Globalization;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Admin.Kpis;

/// <summary>One column of the dashboard's KPI table: an indicator key, its title and how its values read.</summary>
internal sealed record KpiColumn(string Key, string Title, ValueFormat Format)
{
    public bool LowerIsBetter => IndicatorKeys.LowerIsBetter(Key);

    /// <summary>Whether a team total is the sum (counts, hours, money amounts) or, for ratios, averages and medians, the
    /// median: a sum of conversions or average checks means nothing.</summary>
    public bool Sums => Format is ValueFormat.Count or ValueFormat.Hours || (Format == ValueFormat.Money && Key != IndicatorKeys.AverageCheck);

    /// <summary>The value as <see cref="Display(decimal?)"/> shows it, money followed by the account's currency (none when unknown).</summary>
    public string Display(decimal? value, string? currency) =>
        Format == ValueFormat.Money && value is not null && Currency.Symbol(currency) is { } symbol ? Display(value) + " " + symbol : Display(value);

    public string Display(decimal? value) => value is not { } v ? "—" : Format switch
    {
        ValueFormat.Count => v.ToString("#,##0.##", CultureInfo.InvariantCulture),
        ValueFormat.Money => v.ToString("#,##0.00", CultureInfo.InvariantCulture),
        ValueFormat.Share => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %",
        ValueFormat.Hours => v.ToString("#,##0.0", CultureInfo.InvariantCulture) + " h",
        ValueFormat.Minutes => v.ToString("#,##0", CultureInfo.InvariantCulture) + " min",
        _ => v.ToString("#,##0.####", CultureInfo.InvariantCulture),
    };
}

/// <summary>How a column's values read on the page (exports keep the raw numbers).</summary>
internal enum ValueFormat
{
    Count,
    Money,
    Share,
    Hours,
    Minutes,
    Number,
}
