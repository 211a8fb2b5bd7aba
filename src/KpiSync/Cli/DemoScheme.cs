using KpiSync.Crm;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Schemes;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary>
/// The demo's pay: a demo connection without a scheme gets <c>demo-scheme.json</c> for every rep, with each month's
/// plans at the team's median of that month, rounded — so a typical rep sits near 100 % and the table shows a KPI index
/// and pay, as it would for a team whose director has set plans. A scheme already there (imported, or edited on the
/// dashboard) is left alone, and so are its plans.
/// </summary>
internal static class DemoScheme
{
    public const string Author = "demo";

    /// <summary>
    /// Stores the scheme, its assignments and plans when the connection has no scheme; returns the scheme's name and the
    /// reps it was assigned to, or null when the connection already had a scheme.
    /// </summary>
    public static async Task<(string Scheme, int Reps)?> EnsureAsync(IServiceProvider services, CrmConnection connection, CancellationToken ct)
    {
        var schemes = services.GetRequiredService<SchemeStore>();
        var c = connection.Id;
        if ((await schemes.ListAsync(c, ct)).Count > 0)
        {
            return null;
        }

        var scheme = Load();
        var zone = connection.ResolveTimeZone();
        var employees = await services.GetRequiredService<EmployeeDirectory>().ListAsync(c, ct);
        var plans = await MedianPlansAsync(services.GetRequiredService<KpiValueStore>(), c, scheme, employees.Select(e => e.Id).ToList(), ct);
        await schemes.AddVersionAsync(c, scheme, zone, Author, null, ct);
        foreach (var (id, _) in employees)
        {
            await schemes.AssignAsync(c, id, scheme.Name, zone, Author, null, ct);
        }

        await services.GetRequiredService<PlanStore>().ImportAsync(c, plans, ct);
        return (scheme.Name, employees.Count);
    }

    /// <summary>The scheme shipped inside the binary; it parses, or the build is broken.</summary>
    private static KpiScheme Load()
    {
        using var stream = typeof(DemoScheme).Assembly.GetManifestResourceStream("KpiSync.demo-scheme.json")
            ?? throw new InvalidOperationException("demo-scheme.json is not embedded.");
        using var reader = new StreamReader(stream);
        var parsed = SchemeJson.Parse(reader.ReadToEnd());
        return parsed.Scheme ?? throw new InvalidOperationException("demo-scheme.json: " + string.Join("; ", parsed.Errors));
    }

    /// <summary>
    /// Every month with values, every indexed indicator: the team's median, rounded (counts and hours to whole units,
    /// shares below 1 to hundredths). A month whose median is 0 gets no plan for it: a plan of 0 means nothing to beat.
    /// </summary>
    private static async Task<List<PlanRow>> MedianPlansAsync(KpiValueStore values, int c, KpiScheme scheme, List<long> employees, CancellationToken ct)
    {
        var plans = new List<PlanRow>();
        foreach (var period in (await values.ListPeriodsAsync(c, ct)).Where(p => Kpis.Periods.MonthPeriod.TryParse(p, out _)))
        {
            var stored = await values.GetPeriodAsync(c, period, ct);
            foreach (var indicator in scheme.Indicators.Where(i => i.Weight > 0).Select(i => i.Key))
            {
                if (Percentiles.Median([.. stored.Where(v => v.Indicator == indicator && v.Value is not null).Select(v => v.Value!.Value)]) is not { } median)
                {
                    continue;
                }

                var plan = Math.Round(median, median >= 1 ? 0 : 2, MidpointRounding.AwayFromZero);
                if (plan > 0)
                {
                    plans.AddRange(employees.Select(e => new PlanRow(e, period, indicator, plan)));
                }
            }
        }

        return plans;
    }
}
