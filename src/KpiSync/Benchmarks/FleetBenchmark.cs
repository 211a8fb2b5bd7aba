using System.Diagnostics;
using System.Globalization;
using Dapper;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.CrmSimulator;
using KpiSync.Hosting;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Benchmarks;

/// <summary>
/// The job engine under a fleet: many small simulated accounts (simulators in this process, each with amoCRM's
/// 7 requests/s limit) on several <c>serve</c> nodes over one database, every connection's cycle due every minute.
/// After the given number of ticks it reads what happened from <c>job_runs</c> and Hangfire's jobs: cycles per tick,
/// skipped and failed ticks, how late each tick's cycle started (scheduler poll + queue wait), how long the fleet took
/// to get through a tick, connections left without a cycle in a tick, and any two cycles of one connection that overlapped.
/// </summary>
internal sealed class FleetBenchmark(TextWriter output, string serverConnectionString, IReadOnlyDictionary<string, string?> baseOverrides)
{
    // Ticks are attributed by the minute their job was created in: the recurring scheduler creates it at the tick,
    // late only by its polling interval.
    private const string TickSql = """
        with t as (
            select r.connection_id, date_trunc('minute', j.createdat) as tick, r.status, r.started_at, r.finished_at, split_part(r.node, ':', 1) as node
            from kpisync.job_runs r join hangfire.job j on j.id = r.job_id::bigint
            where r.kind = 'tick')
        select tick,
               count(distinct connection_id) filter (where status = 'succeeded') as cycles,
               count(*) filter (where status = 'skipped') as skipped,
               count(*) filter (where status not in ('succeeded', 'skipped', 'running')) as failed,
               count(distinct connection_id) filter (where status <> 'running') as done,
               coalesce(extract(epoch from max(started_at - tick)), 0)::float8 as worst_lateness,
               coalesce(percentile_cont(0.5) within group (order by extract(epoch from started_at - tick)), 0)::float8 as median_lateness,
               coalesce(extract(epoch from max(finished_at) - tick), 0)::float8 as busy,
               coalesce(string_agg(distinct node, ',' order by node), '') as nodes
        from t group by tick order by tick
        """;

    private const string NodeShareSql = """
        select split_part(node, ':', 1) as node, count(*) as cycles
        from kpisync.job_runs where kind = 'tick' and status = 'succeeded' and started_at >= @from and started_at < @until
        group by 1 order by 1
        """;

    // Two executions of one connection's cycle that ran at the same time (skips never ran one).
    private const string OverlapSql = """
        select (select count(*) from kpisync.job_runs a join kpisync.job_runs b on a.connection_id = b.connection_id and a.id < b.id
                where a.status not in ('skipped', 'running') and b.status not in ('skipped', 'running')
                  and a.started_at < b.finished_at and b.started_at < a.finished_at)
             + (select count(*) from kpisync.sync_runs a join kpisync.sync_runs b on a.connection_id = b.connection_id and a.id < b.id
                where a.finished_at is not null and b.finished_at is not null
                  and a.started_at < b.finished_at and b.started_at < a.finished_at)
        """;

    private const string FailuresSql = """
        select job || ': ' || coalesce(error, status) from kpisync.job_runs
        where kind = 'tick' and status not in ('succeeded', 'skipped', 'running') order by started_at limit 10
        """;

    private const string ConnectionsSql = "select count(*) from pg_stat_activity where datname = current_database()";

    private static readonly string[] Zones = ["UTC", "Europe/Moscow", "Europe/Vilnius", "Asia/Vladivostok"];

    public async Task<FleetSummary> RunAsync(FleetBenchmarkOptions o, CancellationToken ct)
    {
        var database = await new BenchDatabases(serverConnectionString).RecreateAsync(BenchDatabases.Fleet, ct);
        var simulators = new List<AmoCrmSimulator>();
        var nodes = new List<ServeProcess>();
        try
        {
            for (var i = 0; i < o.Connections; i++)
            {
                simulators.Add(await AmoCrmSimulator.StartAsync(new SimulatorOptions { Seed = 1000 + i, Employees = 2, Months = 1, Volume = 0.5 }, ct));
            }

            await AddConnectionsAsync(database, simulators, ct);
            // Each node's two pools, bounded so the fleet stays within the server's connections: a cycle holds one for
            // its lock and a few while it writes; Hangfire's pool is WorkerCount + 10 (SchedulingServiceCollectionExtensions).
            var mainPool = o.WorkersPerNode * 3 + 5;
            var nodeDatabase = new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = mainPool }.ConnectionString;
            var budget = o.Nodes * (mainPool + o.WorkersPerNode + 10);
            var available = await MaxConnectionsAsync(database, ct);
            if (budget > available)
            {
                throw new InvalidOperationException($"{o.Nodes} nodes with {o.WorkersPerNode} workers may open {budget} connections; the server allows {available} (max_connections less reserved ones): lower --workers or --nodes");
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{o.Connections} simulated accounts (2 reps, 1 month, 7 requests/s each) as connections; starting {o.Nodes} nodes with {o.WorkersPerNode} workers each, every cycle due every minute"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"each node: main pool {mainPool} + Hangfire pool {o.WorkersPerNode + 10} connections; at most {budget} of the server's {available}"));
            for (var n = 1; n <= o.Nodes; n++)
            {
                nodes.Add(ServeProcess.Start(FreePort(), new Dictionary<string, string>
                {
                    ["ConnectionStrings:KpiSync"] = nodeDatabase,
                    ["Scheduling:CycleCron"] = "* * * * *",
                    ["Scheduling:ServerName"] = $"node-{n}",
                    ["Scheduling:WorkerCount"] = o.WorkersPerNode.ToString(CultureInfo.InvariantCulture),
                    ["Serilog:MinimumLevel:Default"] = "Warning",
                }));
            }

            foreach (var node in nodes)
            {
                await node.WaitHealthyAsync(TimeSpan.FromMinutes(2), ct);
            }

            return await MeasureAsync(database, o, ct);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            foreach (var simulator in simulators)
            {
                await simulator.DisposeAsync();
            }
        }
    }

    private async Task AddConnectionsAsync(string database, List<AmoCrmSimulator> simulators, CancellationToken ct)
    {
        var overrides = new Dictionary<string, string?>(baseOverrides) { ["ConnectionStrings:KpiSync"] = database };
        // A CLI session migrates the fresh database (Hangfire's tables included) before the nodes start.
        await using var session = await KpiSyncSession.StartAsync(HostMode.Cli, overrides, ct);
        var store = session.Services.GetRequiredService<ConnectionStore>();
        var token = new SimulatorOptions().AccessToken;
        for (var i = 0; i < simulators.Count; i++)
        {
            await store.AddAsync($"fleet-{i + 1:000}", CrmKinds.AmoCrm, simulators[i].BaseUrl, Zones[i % Zones.Length], CrmCredentials.FromLongLivedToken(token), ct);
        }
    }

    private async Task<FleetSummary> MeasureAsync(string database, FleetBenchmarkOptions o, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync(ct);
        var deadline = Stopwatch.StartNew();
        var reported = 0;
        var peakConnections = 0L;
        List<TickRow> ticks;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            ticks = (await conn.QueryAsync<TickRow>(new CommandDefinition(TickSql, cancellationToken: ct))).ToList();
            peakConnections = Math.Max(peakConnections, await conn.ExecuteScalarAsync<long>(new CommandDefinition(ConnectionsSql, cancellationToken: ct)));
            var complete = ticks.TakeWhile(t => t.Done >= o.Connections).Take(o.Ticks).ToList();
            foreach (var t in complete.Skip(reported))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"tick {t.Tick:HH:mm} UTC: {t.Cycles} cycles, {t.Skipped} skipped, {t.Failed} failed; started {t.MedianLateness:0.0} s (median) to {t.WorstLateness:0.0} s late; all done {t.Busy:0.0} s after the tick"));
            }

            reported = complete.Count;
            if (complete.Count >= o.Ticks)
            {
                ticks = complete;
                break;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(o.Ticks + 4))
            {
                throw new TimeoutException($"only {complete.Count} of {o.Ticks} ticks completed within {o.Ticks + 4} minutes: "
                    + string.Join("; ", ticks.Select(t => $"{t.Tick:HH:mm} {t.Done}/{o.Connections} done")));
            }
        }

        var from = ticks[0].Tick;
        var until = ticks[^1].Tick.AddMinutes(1);
        var shares = await conn.QueryAsync<(string Node, long Cycles)>(new CommandDefinition(NodeShareSql, new { from, until }, cancellationToken: ct));
        var overlaps = await conn.ExecuteScalarAsync<int>(new CommandDefinition(OverlapSql, cancellationToken: ct));
        var cycles = ticks.Sum(t => t.Cycles);
        var lateness = ticks.Select(t => t.MedianLateness).Order().ToList();
        var summary = new FleetSummary(o.Connections, o.Nodes, o.WorkersPerNode, ticks.Count, (int)cycles, (int)ticks.Sum(t => t.Skipped), (int)ticks.Sum(t => t.Failed),
            Math.Round(cycles / (until - from).TotalMinutes, 1), Math.Round(ticks.Max(t => t.WorstLateness), 1), Math.Round(lateness[lateness.Count / 2], 1),
            Math.Round(ticks.Max(t => t.Busy), 1), (int)ticks.Sum(t => o.Connections - t.Cycles), overlaps);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Cycles} cycles in {summary.Ticks} ticks = {summary.CyclesPerMinute} cycles/minute; worst lateness {summary.WorstLatenessSeconds} s; "
            + $"busiest tick done in {summary.WorstTickBusySeconds} s; connections without a cycle in a tick: {summary.StarvedConnectionTicks}; overlapping cycles: {overlaps}"));
        await output.WriteLineAsync("cycles per node: " + string.Join(", ", shares.Select(s => $"{s.Node} {s.Cycles}"))
            + string.Create(CultureInfo.InvariantCulture, $"; peak database connections (sampled every 5 s): {peakConnections}"));
        foreach (var failure in await conn.QueryAsync<string>(new CommandDefinition(FailuresSql, cancellationToken: ct)))
        {
            await output.WriteLineAsync("failed: " + failure);
        }

        return summary;
    }

    private static async Task<int> MaxConnectionsAsync(string database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync(ct);
        // Less the superuser reserve and a few for this process and an operator's psql.
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - 5", cancellationToken: ct));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record TickRow(DateTime Tick, long Cycles, long Skipped, long Failed, long Done, double WorstLateness, double MedianLateness, double Busy, string Nodes);
}
