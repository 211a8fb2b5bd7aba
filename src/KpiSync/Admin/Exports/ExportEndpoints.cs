using KpiSync.Admin.Kpis;
using KpiSync.Crm;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.AspNetCore.Mvc;

namespace KpiSync.Admin.Exports;

/// <summary>
/// Downloads for accountants, behind the dashboard's sign-in like every /admin endpoint:
/// <c>GET /admin/exports/payroll.csv|payroll.xlsx?connection=N&amp;period=YYYY-MM</c> (one row per paid employee, from
/// <c>payouts</c>) and <c>GET /admin/exports/kpis.xlsx?connection=N&amp;period=YYYY-MM[&amp;cols=…]</c> (the KPI table).
/// </summary>
internal static class ExportEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/admin/exports");
        exports.MapGet("/payroll.csv", PayrollCsvAsync);
        exports.MapGet("/payroll.xlsx", PayrollXlsxAsync);
        exports.MapGet("/kpis.xlsx", KpisXlsxAsync);
        return app;
    }

    private static async Task<IResult> PayrollCsvAsync(string? connection, string? period, ConnectionStore connections, KpiValueStore values, PeriodStore periods,
        CancellationToken ct)
    {
        if (await ResolveAsync(connection, period, connections, ct) is not ({ } c, { } p))
        {
            return Results.NotFound();
        }

        var payouts = await values.GetPayoutsAsync(c.Id, p, ct);
        var banner = await ProvisionalAsync(periods, c, p, ct);
        return Results.File(PayrollCsv.Write(payouts, banner), "text/csv; charset=utf-8", FileName(c, p, banner, "csv"));
    }

    private static async Task<IResult> PayrollXlsxAsync(string? connection, string? period, ConnectionStore connections, KpiValueStore values, PeriodStore periods,
        CancellationToken ct)
    {
        if (await ResolveAsync(connection, period, connections, ct) is not ({ } c, { } p))
        {
            return Results.NotFound();
        }

        XlsxColumn[] columns =
        [
            new("employee", XlsxKind.Text, 30), new("crm_id", XlsxKind.Number, 12), new("period", XlsxKind.Text, 10),
            new("fixed", XlsxKind.Money), new("bonus", XlsxKind.Money), new("penalties", XlsxKind.Money), new("total", XlsxKind.Money),
            new("scheme", XlsxKind.Text, 20), new("scheme_version", XlsxKind.Number),
        ];
        var rows = (await values.GetPayoutsAsync(c.Id, p, ct))
            .Select(x => new object?[] { x.Employee, x.EmployeeId, x.Period, x.Fixed, x.Bonus, x.Penalties, x.Total, x.SchemeName, x.SchemeVersion })
            .ToList();
        var banner = await ProvisionalAsync(periods, c, p, ct);
        return Results.File(XlsxWriter.Write("Payroll " + p, columns, rows, "Total", banner), XlsxType, FileName(c, p, banner, "xlsx"));
    }

    private static async Task<IResult> KpisXlsxAsync(string? connection, string? period, [FromQuery] string[]? cols, ConnectionStore connections,
        KpiBoardReader reader, CancellationToken ct)
    {
        if (await ResolveAsync(connection, period, connections, ct) is not ({ } c, { } p))
        {
            return Results.NotFound();
        }

        var board = await reader.ReadAsync(c, p, ct);
        var chosen = KpiColumns.Parse(cols);
        var planned = chosen.Where(k => board.Rows.Any(r => r.Cell(k.Key)?.Plan is not null)).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        var columns = new List<XlsxColumn> { new("employee", XlsxKind.Text, 30), new("crm_id", XlsxKind.Number, 12) };
        foreach (var k in chosen)
        {
            columns.Add(new(k.Key, k.Format == ValueFormat.Money ? XlsxKind.Money : XlsxKind.Number));
            if (planned.Contains(k.Key))
            {
                columns.Add(new(k.Key + " plan", k.Format == ValueFormat.Money ? XlsxKind.Money : XlsxKind.Number));
            }
        }

        var rows = board.Sorted(KpiBoard.EmployeeKey, descending: false).Select(r =>
        {
            var cells = new List<object?> { r.Employee, r.EmployeeId };
            foreach (var k in chosen)
            {
                cells.Add(r.Value(k.Key));
                if (planned.Contains(k.Key))
                {
                    cells.Add(r.Cell(k.Key)?.Plan);
                }
            }

            return cells.ToArray();
        }).ToList();
        return Results.File(XlsxWriter.Write("KPI " + p, columns, rows, totalsLabel: null), XlsxType, $"kpis-{c.Name}-{p}.xlsx");
    }

    /// <summary>The banner of a payroll whose month is not closed: its figures still move with every sync, so nobody
    /// should pay from it by mistake. Null for a closed month.</summary>
    private static async Task<string?> ProvisionalAsync(PeriodStore periods, CrmConnection c, string period, CancellationToken ct) =>
        (await periods.ListAsync(c.Id, ct)).Any(x => x.Period == period && x.Status == "closed") ? null
            : $"PROVISIONAL: {period} is not closed yet, so these amounts can still change. Close the month on the Periods page for the final payroll.";

    private static string FileName(CrmConnection c, string period, string? banner, string extension) =>
        $"payroll-{c.Name}-{period}{(banner is null ? "" : "-provisional")}.{extension}";

    private static async Task<(CrmConnection?, string?)> ResolveAsync(string? connection, string? period, ConnectionStore connections, CancellationToken ct) =>
        connection is null || !MonthPeriod.TryParse(period, out var p) ? (null, null) : (await connections.FindAsync(connection, ct), p.ToString());
}
