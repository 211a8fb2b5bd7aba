using KpiSync.Crm;
using KpiSync.Crm.Auth;
using KpiSync.CrmSimulator;
using KpiSync.Hosting;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;
using KpiSync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KpiSync.IntegrationTests.Scheduling;

/// <summary>A database that ran the Quartz release (migrations up to 0024, Quartz's tables, job history in the old shape)
/// is brought to Hangfire by one <c>kpisync migrate</c>; a node that only verifies the schema then runs jobs.</summary>
public sealed class QuartzUpgradeTests(PostgresServer server)
{
    private const int LastQuartzMigration = 24;

    private const string QuartzTables = """
        create table quartz.qrtz_job_details (
            sched_name text not null, job_name text not null, job_group text not null, job_class_name text not null,
            is_durable boolean not null, job_data bytea,
            primary key (sched_name, job_name, job_group));
        create table quartz.qrtz_triggers (
            sched_name text not null, trigger_name text not null, trigger_group text not null,
            job_name text not null, job_group text not null, next_fire_time bigint, trigger_state text not null,
            primary key (sched_name, trigger_name, trigger_group),
            foreign key (sched_name, job_name, job_group) references quartz.qrtz_job_details (sched_name, job_name, job_group));
        create table quartz.qrtz_cron_triggers (
            sched_name text not null, trigger_name text not null, trigger_group text not null, cron_expression text not null,
            time_zone_id text,
            primary key (sched_name, trigger_name, trigger_group),
            foreign key (sched_name, trigger_name, trigger_group) references quartz.qrtz_triggers (sched_name, trigger_name, trigger_group));
        create table quartz.qrtz_locks (sched_name text not null, lock_name text not null, primary key (sched_name, lock_name));
        insert into quartz.qrtz_job_details values ('kpisync', 'cycle:sim', 'connections', 'KpiSync.Scheduling.ConnectionCycleJob, KpiSync', true, null);
        insert into quartz.qrtz_triggers values ('kpisync', 'cycle:sim', 'connections', 'cycle:sim', 'connections', 638900000000000000, 'WAITING');
        insert into quartz.qrtz_cron_triggers values ('kpisync', 'cycle:sim', 'connections', '0 0/15 * * * ?', 'Europe/Moscow');
        insert into quartz.qrtz_locks values ('kpisync', 'TRIGGER_ACCESS'), ('kpisync', 'STATE_ACCESS');
        """;

    private const string OldJobRun = """
        insert into kpisync.job_runs (job_group, job_name, trigger_name, fire_instance_id, node, recovering, started_at, finished_at, status, error)
        values ('connections', 'cycle:sim', 'cycle:sim', 'NON_CLUSTERED638900000000000001', 'node-a', false,
                '2026-10-20 11:45:00+00', '2026-10-20 11:46:00+00', 'succeeded', null);
        """;

    [Fact]
    public async Task Migrate_OnAQuartzDatabase_DropsQuartz_InstallsHangfire_KeepsTheJobHistory_AndJobsRun()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await server.CreateDatabaseAsync("quartz_upgrade");
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync(ct);
            await ExecuteAsync(conn, """
                create schema if not exists kpisync;
                create table if not exists kpisync.schema_migrations (
                    version integer primary key, name text not null, applied_at timestamptz not null default now());
                """);
            foreach (var script in SchemaMigrator.Migration.LoadEmbedded().Where(m => m.Version <= LastQuartzMigration))
            {
                await ExecuteAsync(conn, script.Sql);
                await ExecuteAsync(conn, $"insert into kpisync.schema_migrations (version, name) values ({script.Version}, '{script.Name}')");
            }

            await ExecuteAsync(conn, QuartzTables);
            await ExecuteAsync(conn, OldJobRun);
        }

        var migrate = await KpiSyncProcess.RunAsync(cs, null, "migrate");

        Assert.True(migrate.ExitCode == 0, migrate.All);
        Assert.Contains("Database schema is up to date.", migrate.Output, StringComparison.Ordinal);
        Assert.False(await CycleHarness.ScalarAsync<bool>(cs, "select exists (select 1 from pg_namespace where nspname = 'quartz')"));
        Assert.True(await CycleHarness.ScalarAsync<bool>(cs, "select to_regclass('hangfire.job') is not null and to_regclass('hangfire.schema') is not null"));
        Assert.True(await CycleHarness.ScalarAsync<bool>(cs, "select exists (select 1 from kpisync.schema_migrations where version = 25)"));
        Assert.Equal("connections|cycle:sim|cycle:sim|NON_CLUSTERED638900000000000001|node-a|succeeded", await CycleHarness.ScalarAsync<string>(cs,
            "select concat_ws('|', queue, job, kind, job_id, node, status) from kpisync.job_runs"));

        // A node that only checks the schema starts and runs a job: the one migrate was all it took.
        await using var sim = await AmoCrmSimulator.StartAsync(CycleHarness.Options(), ct);
        var settings = DashboardHost.NodeSettings(CycleHarness.FreePort(), cs);
        settings["Storage:Migrations"] = "Verify";
        await using var node = await KpiSyncSession.StartAsync(HostMode.Serve, settings, ct);
        var id = await node.Services.GetRequiredService<ConnectionStore>().AddAsync(CycleHarness.ConnectionName, CrmKinds.AmoCrm, sim.BaseUrl, "UTC",
            CrmCredentials.FromLongLivedToken(new SimulatorOptions().AccessToken), ct);
        var job = node.Services.GetRequiredService<CycleJobClient>().RunNow(id);

        await WaitUntilAsync(cs, $"select exists (select 1 from kpisync.job_runs where job_id = '{job}' and status <> 'running')");
        Assert.Equal("immediate|Run now sim|run_now|succeeded", await CycleHarness.ScalarAsync<string>(cs,
            $"select concat_ws('|', queue, job, kind, status, error) from kpisync.job_runs where job_id = '{job}'"));
        Assert.Equal(1L, await CycleHarness.ScalarAsync<long>(cs, "select count(*) from kpisync.sync_runs where status = 'succeeded'"));
        Assert.Equal(2L, await CycleHarness.ScalarAsync<long>(cs, "select count(*) from kpisync.job_runs"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }


    private static async Task WaitUntilAsync(string cs, string sql, int seconds = 120)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(seconds); await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            if (await CycleHarness.ScalarAsync<bool>(cs, sql))
            {
                return;
            }
        }

        Assert.Fail($"Not true within {seconds} s: {sql}");
    }
}
