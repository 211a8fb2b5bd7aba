using KpiSync.Crm;
using KpiSync.IntegrationTests.Support;
using KpiSync.Kpis.Schemes;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Recompute;

/// <summary>A sales scheme with every kind of input the evaluator reads, assigned to the given employees, with plans.</summary>
internal static class SchemeFixture
{
    public const string Json = """
        {
          "name": "Sales",
          "fixed": 50000,
          "indicators": [
            { "key": "calls", "weight": 0.4, "direction": "higher_is_better", "cap": 1.5 },
            { "key": "conversion", "weight": 0.3, "direction": "higher_is_better" },
            { "key": "receivables", "weight": 0.3, "direction": "lower_is_better", "cap": 2 }
          ],
          "components": [
            { "kind": "band_table", "variable": 30000 },
            { "kind": "sales_bonus", "critical": 20000, "rate": 0.05 },
            { "kind": "per_unit_penalty", "indicator": "idle_hours", "amount": 100 }
          ]
        }
        """;

    public static KpiScheme Scheme => SchemeJson.Parse(Json).Scheme ?? throw new InvalidOperationException(string.Join("; ", SchemeJson.Parse(Json).Errors));

    public static async Task AssignAsync(CycleHarness h, CrmConnection connection, IEnumerable<long> employees, CancellationToken ct)
    {
        var zone = connection.ResolveTimeZone();
        await h.Get<SchemeStore>().AddVersionAsync(connection.Id, Scheme, zone, "test", null, ct);
        var plans = new List<PlanRow>();
        foreach (var e in employees)
        {
            await h.Get<SchemeStore>().AssignAsync(connection.Id, e, "Sales", zone, "test", null, ct);
            foreach (var period in (string[])["2026-08", "2026-09", "2026-10"])
            {
                plans.Add(new PlanRow(e, period, "calls", 20));
                plans.Add(new PlanRow(e, period, "conversion", 0.3m));
                plans.Add(new PlanRow(e, period, "receivables", 50_000));
            }
        }

        await h.Get<PlanStore>().ImportAsync(connection.Id, plans, ct);
    }
}
