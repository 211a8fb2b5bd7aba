using System.Globalization;
using System.Net;
using System.Text;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The payroll and KPI exports over real HTTP behind the sign-in, read back (XLSX with OpenXml, CSV as an
/// importer would) and compared number for number with the payouts and kpi_values tables.</summary>
public sealed class KpiExportTests(PostgresServer server)
{
    private const string Query = "connection=sim&period=2026-09";
    private static readonly string[] NumberColumns = ["B", "D", "E", "F", "G", "I"];
    private static readonly string[] MoneyColumns = ["B", "D", "E", "F", "G"];
    private static readonly string[] ValueColumns = ["B", "C", "E", "G"];

    [Fact]
    public async Task PayrollXlsxAndCsv_EqualThePayoutsTable_KpiXlsxEqualsKpiValues()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(PayrollXlsxAndCsv_EqualThePayoutsTable_KpiXlsxEqualsKpiValues));
        await using var _ = h;
        await KpiDashboardData.SeedAsync(h);
        using var client = new DashboardClient(url);
        using var anonymous = await client.GetAsync("admin/exports/payroll.xlsx?" + Query);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(DashboardHost.User, DashboardHost.Password)).StatusCode);
        var payouts = await KpiDashboardData.ListAsync<string>(h, """
            select concat_ws('|', employee_id, fixed, bonus, penalties, total, scheme_name, scheme_version) from kpisync.payouts
            where period = '2026-09' order by employee_id
            """);
        payouts = [.. payouts.Select(Normalize)];
        Assert.NotEmpty(payouts);

        using var xlsx = await client.GetAsync("admin/exports/payroll.xlsx?" + Query);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("payroll-sim-2026-09-provisional.xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName);
        var sheet = XlsxReader.Read(await xlsx.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("PROVISIONAL", sheet[0]["A"].Text, StringComparison.Ordinal); // the month is open
        sheet.RemoveAt(0);
        Assert.Equal(["employee", "crm_id", "period", "fixed", "bonus", "penalties", "total", "scheme", "scheme_version"], sheet[0].Values.Select(c => c.Text));
        var data = sheet.Skip(1).Take(sheet.Count - 2).ToList();
        Assert.All(data, r => Assert.All(NumberColumns, col => Assert.Equal("number", r[col].Kind)));
        Assert.Equal(payouts, data.OrderBy(r => r["B"].Number)
            .Select(r => string.Join('|', MoneyColumns.Select(col => F(r[col].Number)).Append(r["H"].Text).Append(r["I"].Text))));
        var totals = sheet[^1];
        Assert.Equal("Total", totals["A"].Text);
        Assert.Equal($"SUM(G3:G{sheet.Count})", totals["G"].Formula);
        Assert.Equal(await h.ScalarAsync<decimal>("select sum(total) from kpisync.payouts where period = '2026-09'"), totals["G"].Number);
        Assert.Equal(await h.ScalarAsync<decimal>("select sum(penalties) from kpisync.payouts where period = '2026-09'"), totals["F"].Number);

        using var csv = await client.GetAsync("admin/exports/payroll.csv?" + Query);
        var bytes = await csv.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        Assert.Equal("employee;crm_id;period;fixed;bonus;penalties;total;scheme;scheme_version", lines[0]);
        var parsed = lines.Skip(1).Select(l => l.Split(';')).ToList();
        Assert.All(parsed, cells => Assert.Matches(@"^-?\d+,\d\d$", cells[6]));
        Assert.Equal(payouts, parsed.OrderBy(c => long.Parse(c[1], CultureInfo.InvariantCulture))
            .Select(c => string.Join('|', c[1], Money(c[3]), Money(c[4]), Money(c[5]), Money(c[6]), c[7], c[8])));

        using var kpis = await client.GetAsync("admin/exports/kpis.xlsx?" + Query + "&cols=calls,conversion,kpi_index");
        var table = XlsxReader.Read(await kpis.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["employee", "crm_id", "calls", "calls plan", "conversion", "conversion plan", "kpi_index"], table[0].Values.Select(c => c.Text));
        var expected = await KpiDashboardData.ListAsync<string>(h, """
            select concat_ws('|', employee_id, coalesce(max(value) filter (where indicator = 'calls')::text, '-'),
                coalesce(max(value) filter (where indicator = 'conversion')::text, '-'), coalesce(max(value) filter (where indicator = 'kpi_index')::text, '-'))
            from kpisync.kpi_values where period = '2026-09' group by employee_id order by employee_id
            """);
        Assert.Equal(expected.Select(Normalize), table.Skip(1).OrderBy(r => r["B"].Number).Select(r =>
            string.Join('|', ValueColumns.Select(col => r.TryGetValue(col, out var x) && x.Text is not null ? F(x.Number) : "-"))));
        Assert.All(table.Skip(1), r => Assert.Equal(20m, r["D"].Number));
    }

    private static string F(decimal d) => d.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Money(string cell) => F(decimal.Parse(cell.Replace(',', '.'), CultureInfo.InvariantCulture));

    /// <summary>Numbers as <see cref="F"/> writes them, whatever scale PostgreSQL printed; text as it is.</summary>
    private static string Normalize(string row) => string.Join('|', row.Split('|').Select(x =>
        decimal.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? F(d) : x));
}
