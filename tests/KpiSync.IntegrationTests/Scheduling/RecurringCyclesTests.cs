using Cronos;
using Hangfire;
using Hangfire.Storage;
using KpiSync.Hosting;
using KpiSync.IntegrationTests.Support;
using KpiSync.Scheduling;
using KpiSync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiSync.IntegrationTests.Scheduling;

/// <summary>One recurring job per scheduled connection, at Scheduling:CycleCron in the connection's time zone, kept in
/// line with the connections (time zone, cron, pause, rename, removal) by the reconcile.</summary>
public sealed class RecurringCyclesTests(PostgresServer server)
{
    // UTC+10 all year: a cron read in UTC instead would fire ten hours off.
    private const string Zone = "Asia/Vladivostok";

    private static readonly TimeZoneInfo Vladivostok = TimeZoneInfo.FindSystemTimeZoneById(Zone);

    [Fact]
    public async Task Reconcile_FollowsTheConnection_TimeZonePauseRenameAndRemoval()
    {
        var ct = TestContext.Current.CancellationToken;
        var (h, _) = await DashboardHost.StartAsync(server, "recurring_follows", settings: Settings("0 9 * * *"));
        await using var __ = h;
        var reconcile = h.Get<RecurringCycles>();
        var store = h.Get<ConnectionStore>();
        var connection = await h.ConnectionAsync();
        await store.SetTimeZoneAsync(connection.Id, Zone, ct);
        var before = TimeProvider.System.GetUtcNow();

        await reconcile.ReconcileAsync(ct);

        var job = Assert.Single(CycleJobs(h));
        Assert.Equal("cycle:sim", job.Id);
        Assert.Equal("0 9 * * *", job.Cron);
        Assert.Equal(JobQueues.Scheduled, job.Job.Queue);
        Assert.Equal(Zone, job.TimeZoneId);
        Assert.Null(job.Error);
        Assert.Equal(connection.Id, Assert.IsType<int>(job.Job.Args[0]));
        // 09:00 in Vladivostok is 23:00 UTC the day before.
        var next = NextOccurrence("0 9 * * *", before);
        Assert.Equal(next, job.NextExecution);
        Assert.Equal(23, next.Hour);

        // Nothing changed: the next reconcile leaves the job alone.
        var log = new RecordingLogger<RecurringCycles>();
        await ActivatorUtilities.CreateInstance<RecurringCycles>(h.Session.Services, log).ReconcileAsync(ct);
        Assert.Empty(log.Messages);

        await store.SetSchedulePausedAsync(connection.Id, true, ct);
        await reconcile.ReconcileAsync(ct);
        Assert.Empty(CycleJobs(h));

        await store.SetSchedulePausedAsync(connection.Id, false, ct);
        await reconcile.ReconcileAsync(ct);
        Assert.Equal("cycle:sim", Assert.Single(CycleJobs(h)).Id);

        await ExecuteAsync(h, "update kpisync.connections set name = 'sim-renamed' where name = 'sim'");
        await reconcile.ReconcileAsync(ct);
        var renamed = Assert.Single(CycleJobs(h));
        Assert.Equal("cycle:sim-renamed", renamed.Id);
        Assert.Equal(connection.Id, Assert.IsType<int>(renamed.Job.Args[0]));
        Assert.Equal(Zone, renamed.TimeZoneId);

        await ExecuteAsync(h, "delete from kpisync.connections where name = 'sim-renamed'");
        await reconcile.ReconcileAsync(ct);
        Assert.Empty(CycleJobs(h));
    }

    [Fact]
    public async Task Restart_WithAnotherCron_RetimesTheJobAtStartUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var (h, _) = await DashboardHost.StartAsync(server, "recurring_restart", settings: Settings("0 9 * * *"));
        await using var __ = h;
        var connection = await h.ConnectionAsync();
        await h.Get<ConnectionStore>().SetTimeZoneAsync(connection.Id, Zone, ct);
        await h.Get<RecurringCycles>().ReconcileAsync(ct);
        Assert.Equal("0 9 * * *", Assert.Single(CycleJobs(h)).Cron);

        // The next node, same database, another Scheduling:CycleCron: its start-up reconcile re-times the job.
        await h.Session.Host.StopAsync(ct);
        var before = TimeProvider.System.GetUtcNow();
        var next = Settings("30 4 * * *");
        next["ConnectionStrings:KpiSync"] = h.ConnectionString;
        next["Urls"] = $"http://127.0.0.1:{CycleHarness.FreePort()}";
        next["Crm:RequestsPerSecond"] = "0";
        next["Serilog:MinimumLevel:Default"] = "Warning";
        await using var node = await KpiSyncSession.StartAsync(HostMode.Serve, next, ct);
        var storage = node.Services.GetRequiredService<JobStorage>();
        await WaitAsync(() => CycleJobs(storage).SingleOrDefault()?.Cron == "30 4 * * *", "the start-up reconcile re-timed cycle:sim");

        var retimed = Assert.Single(CycleJobs(storage));
        Assert.Equal("cycle:sim", retimed.Id);
        Assert.Equal(Zone, retimed.TimeZoneId);
        Assert.Equal(NextOccurrence("30 4 * * *", before), retimed.NextExecution);
    }

    [Fact]
    public async Task ChangedCron_DueInAMinute_FiresATickAtThatMinuteInTheConnectionsTimeZone()
    {
        var ct = TestContext.Current.CancellationToken;
        var (h, _) = await DashboardHost.StartAsync(server, "recurring_fires", settings: Settings("0 9 * * *"));
        await using var __ = h;
        var connection = await h.ConnectionAsync();
        await h.Get<ConnectionStore>().SetTimeZoneAsync(connection.Id, Zone, ct);
        await h.Get<RecurringCycles>().ReconcileAsync(ct);
        Assert.Equal("0 9 * * *", Assert.Single(CycleJobs(h)).Cron);

        // The options change: a cron due within two and a half minutes in Vladivostok, from the real clock.
        var now = TimeProvider.System.GetUtcNow();
        var due = TimeZoneInfo.ConvertTime(now.AddSeconds(150), Vladivostok);
        var soon = $"{due.Minute} {due.Hour} * * *";
        var reconcile = ActivatorUtilities.CreateInstance<RecurringCycles>(h.Session.Services, Options.Create(new SchedulingOptions { CycleCron = soon }));
        await reconcile.ReconcileAsync(ct);
        var job = Assert.Single(CycleJobs(h));
        Assert.Equal(soon, job.Cron);
        Assert.Equal(NextOccurrence(soon, now), job.NextExecution);
        Assert.True(job.NextExecution > now.UtcDateTime, $"{soon} in {Zone} is due at {job.NextExecution:O}, after {now:O}");

        if (!await WaitAsync(h, "select exists (select 1 from kpisync.job_runs where kind = 'tick' and status <> 'running')", seconds: 400))
        {
            Assert.Fail("No finished tick within 400 s. " + await h.ScalarAsync<string>(Diagnostics));
        }

        Assert.Equal("succeeded", await h.ScalarAsync<string>("select status || coalesce(': ' || error, '') from kpisync.job_runs where kind = 'tick'"));
        Assert.Equal("scheduled Cycle sim", await h.ScalarAsync<string>("select queue || ' ' || job from kpisync.job_runs where kind = 'tick'"));
        var fired = Assert.Single(CycleJobs(h));
        Assert.NotNull(fired.LastExecution);
        Assert.True(fired.LastExecution >= job.NextExecution, $"fired at {fired.LastExecution:O}, due at {job.NextExecution:O}");
        Assert.Equal(NextOccurrence(soon, job.NextExecution!.Value), fired.NextExecution);   // tomorrow, same minute
    }

    /// <summary>Hangfire's view of the database, for a tick that did not come.</summary>
    private const string Diagnostics = """
        select concat_ws(E'\n',
            'now: ' || now(),
            'locks: ' || (select string_agg(resource || ' @ ' || acquired, ', ') from hangfire.lock),
            'hash: ' || (select string_agg(field || '=' || left(value, 80), ', ') from hangfire.hash where key like 'recurring-job:%'),
            'servers: ' || (select string_agg(id || ' ' || lastheartbeat, ', ') from hangfire.server),
            'jobs: ' || (select string_agg(id || ' ' || coalesce(statename, '-'), ', ') from hangfire.job),
            'queue: ' || (select string_agg(jobid || ' ' || queue || ' ' || coalesce(fetchedat::text, '-'), ', ') from hangfire.jobqueue),
            'sessions: ' || (select string_agg(application_name || ' ' || state || ' ' || coalesce(wait_event, '-') || ' ' || left(query, 60), ' | ')
                from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()))
        """;

    /// <summary>Yearly CycleCron unless given; the periodic reconcile once an hour, so only the test's calls change the jobs.</summary>
    private static Dictionary<string, string?> Settings(string cron) => new()
    {
        ["Scheduling:CycleCron"] = cron,
        ["Scheduling:ReconcileInterval"] = "01:00:00",
        ["Scheduling:QueuePollInterval"] = "00:00:00.200",
        ["Scheduling:SchedulePollingInterval"] = "00:00:01",
        ["Scheduling:WorkerCount"] = "2",
    };

    private static DateTime NextOccurrence(string cron, DateTimeOffset after) => NextOccurrence(cron, after.UtcDateTime);

    private static DateTime NextOccurrence(string cron, DateTime afterUtc) =>
        CronExpression.Parse(cron).GetNextOccurrence(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), Vladivostok)!.Value;

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }

    private static List<RecurringJobDto> CycleJobs(CycleHarness h) => CycleJobs(h.Get<JobStorage>());

    private static List<RecurringJobDto> CycleJobs(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.StartsWith(RecurringCycles.Prefix, StringComparison.Ordinal)).ToList();
    }

    private static async Task ExecuteAsync(CycleHarness h, string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(h.ConnectionString);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<bool> WaitAsync(CycleHarness h, string sql, int seconds)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(seconds); await Task.Delay(500, TestContext.Current.CancellationToken))
        {
            if (await h.ScalarAsync<bool>(sql))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task WaitAsync(Func<bool> condition, string what, int seconds = 60)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(seconds); await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            if (condition())
            {
                return;
            }
        }

        Assert.Fail($"Not within {seconds} s: {what}");
    }
}
