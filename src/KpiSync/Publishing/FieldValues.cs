using System.Globalization;

namespace KpiSync.Publishing;

/// <summary>How KPI values are written to and compared with CRM fields (amoCRM returns numbers as strings).</summary>
internal static class FieldValues
{
    public static string? Format(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture);

    public static bool Same(string? crm, string? desired) =>
        (crm, desired) switch
        {
            (null or "", null or "") => true,
            ({ } a, { } b) when TryParse(a, out var x) && TryParse(b, out var y) => x == y,
            _ => string.Equals(crm, desired, StringComparison.Ordinal),
        };

    private static bool TryParse(string s, out decimal d) => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out d);
}
