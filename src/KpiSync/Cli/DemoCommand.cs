using System.CommandLine;
using KpiSync.CrmSimulator;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.Hosting;
using KpiSync.Kpis.Periods;
using KpiSync.Scheduling;
using KpiSync.Storage;
using Microsoft.Extensions.Options;

namespace KpiSync.Cli;

/// <summary>
/// <c>demo [--once]</c>: starts the built-in amoCRM simulator on loopback, registers it as a connection, runs one
/// full cycle, prints the KPI table, then keeps serving like <c>serve</c> (with <c>--once</c>, exits 0).
/// </summary>
internal static class DemoCommand
{
    public static Command Build()
    {
        var once = new Option<bool>("--once") { Description = "Exit after the first cycle instead of serving" };
        var urls = new Option<string?>("--urls") { Description = "Listen addresses when serving" };
        var command = new Command("demo", "Run a full cycle against the built-in CRM simulator and print the KPIs") { once, urls };
        command.SetAction((parse, ct) =>
        {
            var mode = parse.GetValue(once) ? HostMode.Cli : HostMode.Serve;
            return CliRunner.RunAsync(parse, mode, ServeCommand.Overrides(parse.GetValue(urls)), async (session, output, token) =>
            {
                var demo = session.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
                var time = session.Services.GetRequiredService<TimeProvider>();
                await using var simulator = await AmoCrmSimulator.StartAsync(new SimulatorOptions
                {
                    Seed = demo.Seed, Employees = demo.Employees, Months = demo.Months, TimeProvider = time,
                }, token);
                await output.WriteLineAsync($"CRM simulator (amoCRM API v4) listening on {simulator.BaseUrl}: {demo.Employees} reps, {demo.Months} months of history.");
                session.Services.GetRequiredService<CrmResiliencePipelines>().MarkSimulator(simulator.BaseUrl);
                var store = session.Services.GetRequiredService<ConnectionStore>();
                var existed = await store.FindAsync(demo.ConnectionName, token) is not null;
                await store.UpsertAsync(demo.ConnectionName, CrmKinds.AmoCrm, simulator.BaseUrl, null, CrmCredentials.FromLongLivedToken(new SimulatorOptions().AccessToken), token);
                await output.WriteLineAsync(existed
                    ? $"Connection '{demo.ConnectionName}' already exists (an earlier demo): pointed it at this simulator; its stored data is kept and brought up to date."
                    : $"Added connection '{demo.ConnectionName}' for the simulator.");
                var result = await session.Services.GetRequiredService<ConnectionCycle>().RunAsync(demo.ConnectionName, Sync.SyncRequest.Incremental, wait: true, token);
                var c = result!.Connection;
                await output.WriteLineAsync($"Cycle done: {result.Sync.Entities} CRM records read in {result.Sync.Pages} pages ({result.Sync.Quarantined} quarantined), " +
                    $"{result.KpiValuesChanged} KPI values changed, {result.Push.Created + result.Push.Updated} CRM elements written.");
                if (await DemoScheme.EnsureAsync(session.Services, c, token) is var (scheme, reps))
                {
                    // The scheme changes what values depend on: the next cycle recomputes in full and pushes index and pay.
                    var paid = await session.Services.GetRequiredService<ConnectionCycle>().RunAsync(demo.ConnectionName, Sync.SyncRequest.Incremental, wait: true, token);
                    await output.WriteLineAsync($"Pay scheme '{scheme}' assigned to {reps} reps, plans at each month's team median; " +
                        $"{paid!.KpiValuesChanged} KPI values changed, {paid.Push.Created + paid.Push.Updated} CRM elements written.");
                }

                var period = MonthPeriod.Containing(time.GetUtcNow(), c.ResolveTimeZone()).ToString();
                await KpiTable.WriteAsync(output, c.Name, period, await session.Services.GetRequiredService<KpiValueStore>().GetPeriodAsync(c.Id, period, token));
                await DemoNextSteps.WriteAsync(session, mode, output, token);
                if (mode == HostMode.Cli)
                {
                    return 0;
                }

                await output.WriteLineAsync("Serving (scheduler, /health, /admin); press Ctrl+C to stop.");
                await session.Host.WaitForShutdownAsync(token);
                return 0;
            }, ct);
        });
        return command;
    }
}
