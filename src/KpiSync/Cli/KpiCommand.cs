using System.CommandLine;
using System.Text.Json;
using KpiSync.Hosting;
using KpiSync.Recompute;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>kpi --connection N --period YYYY-MM [--json]</c>: the stored values as a table or one JSON array.</summary>
internal static class KpiCommand
{
    public static Command Build()
    {
        var connection = CliOptions.Connection();
        var period = new Option<string>("--period", "-p") { Description = "Month YYYY-MM (stored values, index and pay), or a week YYYY-Www or day YYYY-MM-DD (computed on the fly)", Required = true };
        var json = new Option<bool>("--json") { Description = "One JSON array: an object per employee and indicator" };
        var command = new Command("kpi", "Print a period's KPI values") { connection, period, json };
        command.SetAction(async (parse, ct) =>
        {
            var p = default(Kpis.Periods.Period);
            if (CliRunner.Check(parse, () => p = CliOptions.ParseAnyPeriod(parse.GetValue(period))) is { } failed)
            {
                return failed;
            }

            return await CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
            {
                                var c = await CliConnections.ResolveAsync(session.Services.GetRequiredService<ConnectionStore>(), parse.GetValue(connection), "--connection", token);
                var values = p.Kind == Kpis.Periods.PeriodKind.Month
                    ? await session.Services.GetRequiredService<KpiValueStore>().GetPeriodAsync(c.Id, p.ToString(), token)
                    : await session.Services.GetRequiredService<KpiRecomputer>().ComputeLiveAsync(c, p, token);
                if (values.Count == 0 && p.Kind == Kpis.Periods.PeriodKind.Month)
                {
                    await CliPeriods.RequireValuesAsync(session.Services, c, p.ToString(), token);
                }

                if (parse.GetValue(json))
                {
                    var rows = values.Select(v => new KpiJsonRow(v.EmployeeId, v.Employee, v.Period, v.Indicator, v.Value, v.LowSample)).ToList();
                    await output.WriteLineAsync(JsonSerializer.Serialize(rows, CliJsonContext.Default.ListKpiJsonRow));
                }
                else
                {
                    await KpiTable.WriteAsync(output, c.Name, p.ToString(), values);
                }

                return 0;
            }, ct);
        });
        return command;
    }
}
