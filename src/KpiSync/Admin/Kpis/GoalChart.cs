using System.Globalization;
using System.Net;
using System.Text;

namespace KpiSync.Admin.Kpis;

/// <summary>
/// Goal-progress charts as small inline SVG rendered on the server (no script, no library; a few hundred bytes each).
/// Every label is HTML-encoded: indicator keys and names come from the CRM and from admins.
/// </summary>
internal static class GoalChart
{
    private const int Row = 22;
    private const int LabelWidth = 150;
    private const int BarWidth = 220;
    private const string Met = "#17723a";
    private const string Short = "#3b7dd8";

    /// <summary>Fact against plan per indicator: a bar of fact ÷ plan and a dashed marker where the plan is met.
    /// The scale runs to the best ratio shown (at least 125 %, at most 300 %) so the marker stays in view.</summary>
    public static string FactVsPlan(IReadOnlyList<PlanBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var scale = Math.Clamp(bars.Select(b => b.Ratio ?? 0m).DefaultIfEmpty(0m).Max(), 1.25m, 3m);
        var height = Math.Max(bars.Count, 1) * Row + 4;
        var planX = LabelWidth + BarWidth / scale;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{LabelWidth + BarWidth + 200}\" height=\"{height}\" role=\"img\" aria-label=\"Fact against plan\" font-size=\"12\">"));
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = i * Row;
            svg.Append(Invariant($"<text x=\"0\" y=\"{y + 15}\">{Encode(b.Label)}</text>"));
            if (b.Ratio is { } ratio)
            {
                var width = Math.Round(BarWidth * Math.Min(ratio, scale) / scale, 1);
                svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{width}\" height=\"14\" fill=\"{(b.IsMet ? Met : Short)}\"><title>{Encode(b.Label)}: {ratio * 100:0.#} % of plan</title></rect>"));
            }

            svg.Append(Invariant($"<text x=\"{LabelWidth + BarWidth + 6}\" y=\"{y + 15}\">{Encode(b.Text)}</text>"));
        }

        svg.Append(Invariant($"<line x1=\"{planX:0.#}\" y1=\"0\" x2=\"{planX:0.#}\" y2=\"{height}\" stroke=\"#b3261e\" stroke-dasharray=\"3 2\"><title>plan</title></line></svg>"));
        return svg.ToString();
    }

    /// <summary>The KPI index per month as columns, with a dashed line at 100 %; a month without an index shows "—".</summary>
    public static string IndexHistory(IReadOnlyList<(string Period, decimal? Index)> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        const int Column = 56, Plot = 100, Top = 16;
        var scale = Math.Max(1.5m, months.Select(m => m.Index ?? 0m).DefaultIfEmpty(0m).Max());
        var width = Math.Max(months.Count, 1) * Column;
        var hundred = Top + Plot - Math.Round(Plot / scale, 1);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{width}\" height=\"{Top + Plot + 18}\" role=\"img\" aria-label=\"KPI index by month\" font-size=\"11\" text-anchor=\"middle\">"));
        for (var i = 0; i < months.Count; i++)
        {
            var (period, index) = months[i];
            var x = i * Column + Column / 2;
            if (index is { } v)
            {
                var h = Math.Round(Plot * Math.Min(v, scale) / scale, 1);
                svg.Append(Invariant($"<rect x=\"{x - 16}\" y=\"{Top + Plot - h}\" width=\"32\" height=\"{h}\" fill=\"{(v >= 1 ? Met : Short)}\"/>"));
                svg.Append(Invariant($"<text x=\"{x}\" y=\"{Top + Plot - h - 3}\">{v * 100:0} %</text>"));
            }
            else
            {
                svg.Append(Invariant($"<text x=\"{x}\" y=\"{Top + Plot - 3}\">—</text>"));
            }

            svg.Append(Invariant($"<text x=\"{x}\" y=\"{Top + Plot + 14}\">{Encode(period)}</text>"));
        }

        svg.Append(Invariant($"<line x1=\"0\" y1=\"{hundred}\" x2=\"{width}\" y2=\"{hundred}\" stroke=\"#b3261e\" stroke-dasharray=\"3 2\"><title>100 %</title></line></svg>"));
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One indicator's fact against its plan; <see cref="Ratio"/> is fact ÷ plan (null without a plan or a fact).</summary>
internal sealed record PlanBar(string Label, decimal? Fact, decimal? Plan, bool LowerIsBetter, string Text)
{
    public decimal? Ratio => Fact is { } f && Plan is { } p && p != 0 ? f / p : null;

    public bool IsMet => Fact is { } f && Plan is { } p && (LowerIsBetter ? f <= p : f >= p);
}
