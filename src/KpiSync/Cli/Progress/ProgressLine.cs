using System.Globalization;
using KpiSync.Admin;

namespace KpiSync.Cli.Progress;

/// <summary>"sync demo: 12 000 records, page 120/960 (12 %), 4 100/s, ETA 21 s": one reading, for a line or a bar's caption.</summary>
internal static class ProgressLine
{
    // Thin-space-free grouping that reads the same in any locale and in a log file: "12 000".
    private static readonly NumberFormatInfo Numbers = new() { NumberGroupSeparator = " ", NumberDecimalDigits = 0 };

    public static string Format(string label, RunProgress p)
    {
        var pages = p.PagesEstimate is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"page {p.Pages.ToString("N0", Numbers)}/{total.ToString("N0", Numbers)} ({p.Percent ?? 0:0} %)")
            : "page " + p.Pages.ToString("N0", Numbers);
        var eta = p.EtaSeconds is { } s ? ", ETA " + Duration(s) : "";
        return $"{label}: {p.Records.ToString("N0", Numbers)} records, {pages}, {p.RecordsPerSecond.ToString("N0", Numbers)}/s{eta}";
    }

    private static string Duration(double seconds) => seconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 60):0} min {seconds % 60:0} s");
}
