using System.Globalization;
using System.Text.Json;
using KpiSync.Admin.Kpis;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Recompute;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KpiSync.Admin.Pages.Kpis;

/// <summary>One value explained (<see cref="KpiExplainer"/>): formula, inputs, the index terms and pay lines of
/// kpi_index/pay_total, and the CRM records behind it with links — a page of <see cref="PageSize"/> at a time.</summary>
internal sealed class ExplainModel(ConnectionStore connections, KpiExplainer explainer, KpiValueStore values) : PageModel
{
    public const int PageSize = 50;

    public string Connection { get; private set; } = "";

    public ValueExplanation Value { get; private set; } = null!;

    public KpiColumn Column { get; private set; } = null!;

    public Explanation Stored { get; private set; } = null!;

    public PayoutBreakdown? Breakdown { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public string? Problem { get; private set; }

    public int Pages => Math.Max(1, (Value.Records.Count + PageSize - 1) / PageSize);

    public IEnumerable<SourceRecord> Shown => Value.Records.Skip((PageNumber - 1) * PageSize).Take(PageSize);

    public async Task<IActionResult> OnGetAsync(string? connection, string? period, long? employee, string? indicator, int page, CancellationToken ct)
    {
        var c = connection is null ? null : await connections.FindAsync(connection, ct);
        if (c is null)
        {
            return Refuse(BadQuery.Connection(connection ?? "", (await connections.ListAsync(ct)).Select(x => x.Name).ToList()));
        }

        if (!MonthPeriod.TryParse(period, out var p))
        {
            return Refuse(BadQuery.Month(period, await values.ListPeriodsAsync(c.Id, ct)));
        }

        if (employee is not { } e || string.IsNullOrEmpty(indicator) || await explainer.ExplainAsync(c, e, p, indicator, ct) is not { } value)
        {
            var stored = await values.GetPeriodAsync(c.Id, p.ToString(), ct);
            var mine = stored.Where(v => v.EmployeeId == employee).ToList();
            return Refuse(mine.Count == 0
                ? BadQuery.Unknown("employee", employee?.ToString(CultureInfo.InvariantCulture) ?? "", stored.DistinctBy(v => v.EmployeeId)
                    .Select(v => $"{v.Employee} (#{v.EmployeeId.ToString(CultureInfo.InvariantCulture)})").ToList(), $" with values in {p}")
                : BadQuery.Unknown("indicator", indicator ?? "", mine.Select(v => v.Indicator).Order(StringComparer.Ordinal).ToList(), $" for {mine[0].Employee} in {p}"));
        }

        (Connection, Value, Column) = (c.Name, value, KpiColumns.For(indicator));
        Stored = JsonSerializer.Deserialize(value.ExplanationJson, StorageJsonContext.Default.Explanation)!;
        if (value.PayoutBreakdownJson is { } b && indicator is IndicatorKeys.KpiIndex or IndicatorKeys.PayTotal)
        {
            Breakdown = JsonSerializer.Deserialize(b, StorageJsonContext.Default.PayoutBreakdown);
        }

        PageNumber = Math.Clamp(page, 1, Pages);
        return Page();
    }

    /// <summary>An instant on the connection's wall clock, like the times in the record notes.</summary>
    public string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(Value.TimeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string? PageLink(int page) => Url.Page("/Kpis/Explain", new { connection = Connection, period = Value.Period, employee = Value.EmployeeId, indicator = Value.Indicator, page });

    public string? ExplainLink(string indicator) => Url.Page("/Kpis/Explain", new { connection = Connection, period = Value.Period, employee = Value.EmployeeId, indicator });

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
