using System.CommandLine;
using System.Text.Json;
using KpiSync.Recompute;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>explain</c>: one value as a readable tree — formula, inputs, and the CRM records behind it with links.</summary>
internal static class ExplainCommand
{
    public static Command Build()
    {
        var connection = CliOptions.Connection();
        var employee = new Option<string>("--employee", "-e") { Description = "CRM user id, e-mail or exact name", Required = true };
        var period = new Option<string>("--period", "-p") { Description = "Month, YYYY-MM", Required = true };
        var indicator = new Option<string>("--indicator", "-i") { Description = "Indicator key, e.g. conversion, calls, funnel_conversion:142, kpi_index, pay_total", Required = true };
        var limit = new Option<int>("--records") { Description = "Records to list (default 50; 0 for all)", DefaultValueFactory = _ => 50 };
        var command = new Command("explain", "Explain one KPI value down to the CRM records behind it") { connection, employee, period, indicator, limit };
        command.SetAction((parse, ct) =>
        {
            var p = default(Kpis.Periods.MonthPeriod);
            return CliRunner.Check(parse, () =>
                {
                    p = CliOptions.ParsePeriod(parse.GetValue(period));
                    CliIndicators.Validate(parse.GetValue(indicator)!);
                }) is { } failed
                ? Task.FromResult(failed)
                : ConnectionCommand.RunAsync(parse, connection, async (s, c, output, token) =>
                {
                    var id = await CliEmployees.ResolveAsync(s.Services, c, parse.GetValue(employee)!, token);
                    var key = parse.GetValue(indicator)!.Trim();
                    var e = await s.Services.GetRequiredService<KpiExplainer>().ExplainAsync(c, id, p, key, token);
                    if (e is null)
                    {
                        await CliPeriods.RequireValuesAsync(s.Services, c, p.ToString(), token);
                        throw new CliUsageException($"employee {id} has no value '{key}' in {p}; 'kpisync kpi --period {p} --json' lists the values there are");
                    }

                    await WriteTreeAsync(output, e, parse.GetValue(limit));
                }, ct);
        });
        return command;
    }

    internal static async Task WriteTreeAsync(TextWriter output, ValueExplanation e, int limit)
    {
        static string N(decimal? v) => Kpis.Indicators.ExplainNumber.Format(v);
        var stored = JsonSerializer.Deserialize(e.ExplanationJson, StorageJsonContext.Default.Explanation)!;
        await output.WriteLineAsync($"{e.Indicator} = {N(e.Value)}{(e.LowSample ? "  [low sample]" : "")}   {e.EmployeeName ?? "employee"} (#{e.EmployeeId}), {e.Period}");
        if (e.Frozen)
        {
            await output.WriteLineAsync($"├─ period closed: frozen{(e.HasAdjustment ? $"; the facts now give {N(e.AdjustedValue)} (an adjustment, applied only if the period is reopened)" : "")}");
        }

        await output.WriteLineAsync($"├─ formula: {stored.Formula}");
        await output.WriteLineAsync("├─ inputs:");
        foreach (var (name, value) in stored.Inputs)
        {
            await output.WriteLineAsync($"│  ├─ {name} = {N(value)}");
        }

        if (e.PayoutBreakdownJson is { } b && e.Indicator is Kpis.Indicators.IndicatorKeys.KpiIndex or Kpis.Indicators.IndicatorKeys.PayTotal)
        {
            var breakdown = JsonSerializer.Deserialize(b, StorageJsonContext.Default.PayoutBreakdown)!;
            await output.WriteLineAsync("├─ index terms:");
            foreach (var t in breakdown.Terms)
            {
                await output.WriteLineAsync($"│  ├─ {t.Key}: weight {N(t.Weight)} × ratio {N(t.Ratio)} = {N(t.Contribution)}   ({t.Note})");
            }

            await output.WriteLineAsync("├─ pay lines:");
            foreach (var l in breakdown.Lines)
            {
                await output.WriteLineAsync($"│  ├─ {l.Component}: {Kpis.Indicators.ExplainNumber.Cents(l.Amount)}   {l.Formula}");
            }
        }

        var shown = limit <= 0 ? e.Records : e.Records.Take(limit).ToList();
        await output.WriteLineAsync($"└─ CRM records ({e.Records.Count}), times in {e.TimeZone}:");
        foreach (var r in shown)
        {
            await output.WriteLineAsync($"   ├─ {r.SourceKey}  {r.Note}{(r.Link is null ? "" : "  " + r.Link)}");
        }

        if (shown.Count < e.Records.Count)
        {
            await output.WriteLineAsync($"   └─ … {e.Records.Count - shown.Count} more (--records 0 lists all)");
        }
    }
}
