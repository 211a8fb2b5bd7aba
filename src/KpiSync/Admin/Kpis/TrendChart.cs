using System.Globalization;
using System.Net;
using System.Text;

namespace KpiSync.Admin.Kpis;

/// <summary>
/// One indicator's monthly trend as an inline SVG line chart drawn on the server: month labels under the x axis, value
/// ticks on the y axis (0, half and the top, rounded to a readable step), a point per month with a value and a gap for
/// a month without one (no value is not zero). Labels are HTML-encoded like every chart on the dashboard.
/// </summary>
internal static class TrendChart
{
    private const int Left = 72, Top = 12, Plot = 120, Step = 58, Bottom = 22;
    private const string Line = "#3b7dd8";

    public static string Render(string title, IReadOnlyList<TrendPoint> points, Func<decimal, string> format)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(format);
        var values = points.Select(p => p.Value).OfType<decimal>().ToList();
        var low = Math.Min(0m, values.DefaultIfEmpty(0m).Min());
        var high = NiceTop(Math.Max(values.DefaultIfEmpty(0m).Max(), low + 0.0001m) - low) + low;
        var width = Left + points.Count * Step;
        double Y(decimal v) => Math.Round((double)(Top + Plot - Plot * (v - low) / (high - low)), 1);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart trend\" width=\"{width}\" height=\"{Top + Plot + Bottom}\" role=\"img\" aria-label=\"{Encode(title)} by month\" font-size=\"10\">"));
        foreach (var tick in new[] { low, (low + high) / 2, high })
        {
            svg.Append(Invariant($"<line x1=\"{Left - 4}\" y1=\"{Y(tick)}\" x2=\"{width}\" y2=\"{Y(tick)}\" stroke=\"#e3e3e3\"/>"));
            svg.Append(Invariant($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Y(tick) + 3}\" text-anchor=\"end\">{Encode(Tick(tick, format))}</text>"));
        }

        var path = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var x = Left + i * Step + Step / 2;
            svg.Append(Invariant($"<text class=\"month\" x=\"{x}\" y=\"{Top + Plot + 15}\" text-anchor=\"middle\">{Encode(points[i].Label)}</text>"));
            if (points[i].Value is not { } v)
            {
                path.Append(' ');
                continue;
            }

            path.Append(path.Length == 0 || path[^1] == ' ' ? 'M' : 'L').Append(Invariant($"{x},{Y(v)}"));
            svg.Append(Invariant($"<circle cx=\"{x}\" cy=\"{Y(v)}\" r=\"3\" fill=\"{Line}\"><title>{Encode(points[i].Label)}: {Encode(format(v))}</title></circle>"));
        }

        svg.Append(Invariant($"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{Line}\" stroke-width=\"1.5\"/></svg>"));
        return svg.ToString();
    }

    /// <summary>An axis tick: thousands and millions shortened (1.5M, 750k) so money fits beside the axis.</summary>
    private static string Tick(decimal v, Func<decimal, string> format) => Math.Abs(v) switch
    {
        >= 1_000_000 => (v / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (v / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => format(v),
    };

    /// <summary>The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above <paramref name="span"/>, so the ticks read as round numbers.</summary>
    private static decimal NiceTop(decimal span)
    {
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)span)));
        foreach (var m in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (m * magnitude >= span)
            {
                return m * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One month of a trend: its label (e.g. "Sep 2026") and the value, null when the month has none.</summary>
internal sealed record TrendPoint(string Label, decimal? Value);
