using System.Globalization;
using KpiSync.Cli;
using KpiSync.IntegrationTests.Support;
using KpiSync.Kpis.Indicators;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.CrmSimulator;

/// <summary>
/// The account <c>demo</c> syncs, at the demo's size (12 reps, 3 months), through the real sync, KPI computation and the
/// demo's scheme and plans: its numbers must look like a real team's to a sales director.
/// </summary>
public sealed class DemoAccountTests(PostgresServer server)
{
    /// <summary>The whole months of the history, which starts on 2026-07-20.</summary>
    private static readonly string[] Months = ["2026-08", "2026-09"];

    [Fact]
    public async Task DemoSizeAccount_RepsBusyMostOfTheDay_ConversionOnEnoughDeals_TypicalRepNearPlan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "demo_account", CycleHarness.Options(employees: 12, months: 3));
        await h.RunCycleAsync();
        var connection = await h.ConnectionAsync();
        Assert.NotNull(await DemoScheme.EnsureAsync(h.Session.Services, connection, ct));
        await h.RunCycleAsync();

        var problems = new List<string>();
        foreach (var month in Months)
        {
            var values = await h.Get<KpiValueStore>().GetPeriodAsync(connection.Id, month, ct);
            var byRep = values.GroupBy(v => v.EmployeeId).Select(g => g.ToDictionary(v => v.Indicator)).ToList();
            Assert.Equal(12, byRep.Count);

            var covered = byRep.Select(r => r[IndicatorKeys.ActiveHours].Value!.Value / (r[IndicatorKeys.ActiveHours].Value!.Value + r[IndicatorKeys.IdleHours].Value!.Value)).ToList();
            var medianCovered = Percentiles.Median(covered)!.Value;
            if (medianCovered is < 0.40m or > 0.70m)
            {
                problems.Add($"{month}: median covered share {medianCovered:0.000}; reps: {string.Join(" ", covered.Select(c => c.ToString("0.00", CultureInfo.InvariantCulture)))}");
            }

            // The first whole month still closes fewer deals: the deals begun before the history are not in it.
            var sampled = byRep.Count(r => !r[IndicatorKeys.Conversion].LowSample);
            if (month != Months[0] && sampled <= byRep.Count / 2)
            {
                var closed = byRep.Select(r => r[IndicatorKeys.DealsWon].Value + r[IndicatorKeys.DealsLost].Value);
                problems.Add($"{month}: conversion is on enough closed deals for only {sampled} of {byRep.Count} reps; closed: {string.Join(" ", closed)}");
            }

            var attainment = Percentiles.Median([.. byRep.Select(r => r[IndicatorKeys.KpiIndex].Value!.Value)])!.Value;
            if (attainment is < 0.80m or > 1.20m)
            {
                problems.Add($"{month}: median KPI index {attainment:0.000}");
            }
        }

        Assert.Empty(problems);
    }
}
