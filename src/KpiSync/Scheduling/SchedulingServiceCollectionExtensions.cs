using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Scheduling;

/// <summary>The whole timetable in one place (STYLE rule 10): Hangfire on its PostgreSQL storage (schema
/// <see cref="SchemaMigrator.HangfireSchema"/>, installed by the migrator), one recurring <see cref="CycleJobs.TickAsync"/>
/// per connection kept by <see cref="RecurringCycles"/>, and every execution recorded by <see cref="JobRunRecorder"/>.</summary>
/// <remarks>Hangfire keeps its configuration in static state; everything this host uses — storage, activator, filters —
/// is registered in its own container first, so clients, server and dashboard take these and not another host's.</remarks>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The cycle itself, usable without the scheduler (CLI, demo).</summary>
    public static IHostApplicationBuilder AddCycle(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        builder.Services.AddSingleton<ConnectionCycle>();
        return builder;
    }

    /// <summary>Hangfire: storage, clients, the recurring jobs and (when Scheduling:Enabled) this node's server.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var scheduling = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
            var cs = new NpgsqlConnectionStringBuilder(sp.GetRequiredService<IConfiguration>().GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName))
            {
                ApplicationName = "kpisync-hangfire",
                // Each worker polls and heartbeats on its own short-lived connection; the schedulers and the dashboard need a few more.
                MaxPoolSize = scheduling.WorkerCount + 10,
            };
            return new HangfireConnectionFactory(new NpgsqlDataSourceBuilder(cs.ConnectionString) { Name = "kpisync-hangfire" }.Build());
        });
        services.AddSingleton<JobStorage>(sp =>
        {
            var scheduling = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
            return new PostgreSqlStorage(sp.GetRequiredService<HangfireConnectionFactory>(), new PostgreSqlStorageOptions
            {
                SchemaName = SchemaMigrator.HangfireSchema,
                // The migrator installs the tables under its lock; nodes booting together would race.
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = scheduling.QueuePollInterval,
                AllowUnsafeValues = scheduling.QueuePollInterval < TimeSpan.FromSeconds(1),
                // A running job's claim is renewed while it runs, so only a dead node's jobs are taken over.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = scheduling.InvisibilityTimeout,
                // Fail at start-up when the database is unreachable, not later in a degraded mode nobody sees.
                StartupConnectionMaxRetries = 0,
                AllowDegradedModeWithoutStorage = false,
            });
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<IJobFilterProvider>(sp => new JobFilterProviderCollection(JobFilterProviders.Providers, RecorderFilters(sp)));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<JobNames>();
        services.AddSingleton<CycleJobClient>();
        services.AddTransient<CycleJobs>();
        services.AddSingleton<RecurringCycles>();
        services.AddHostedService(sp => sp.GetRequiredService<RecurringCycles>());

        var section = builder.Configuration.GetSection(SchedulingOptions.SectionName);
        var defaults = new SchedulingOptions();
        if (section.GetValue(nameof(SchedulingOptions.Enabled), defaults.Enabled))
        {
            services.AddHangfireServer((sp, o) =>
            {
                var scheduling = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
                o.ServerName = scheduling.ServerName;
                o.WorkerCount = scheduling.WorkerCount;
                o.Queues = JobQueues.All;
                o.SchedulePollingInterval = scheduling.SchedulePollingInterval;
                o.HeartbeatInterval = scheduling.HeartbeatInterval;
                o.ServerTimeout = scheduling.ServerTimeout;
                o.ServerCheckInterval = scheduling.ServerTimeout < TimeSpan.FromMinutes(1) ? scheduling.ServerTimeout : TimeSpan.FromMinutes(1);
                o.ShutdownTimeout = scheduling.ShutdownTimeout;
            });
        }

        // Graceful shutdown: a running sync stops at its next page and commits within half of ShutdownTimeout (CycleJobs).
        services.Configure<HostOptions>(o => o.ShutdownTimeout = section.GetValue(nameof(SchedulingOptions.ShutdownTimeout), defaults.ShutdownTimeout)
            + TimeSpan.FromSeconds(5));
        return builder;
    }

    private static JobFilterCollection RecorderFilters(IServiceProvider sp)
    {
        var filters = new JobFilterCollection();
        filters.Add(sp.GetRequiredService<JobRunRecorder>());
        return filters;
    }
}
