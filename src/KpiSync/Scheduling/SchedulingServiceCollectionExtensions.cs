using Microsoft.Extensions.Options;
using Quartz;

namespace KpiSync.Scheduling;

/// <summary>The whole timetable in one place (STYLE rule 13): Quartz, clustered on our PostgreSQL, with one
/// recurring <see cref="RunConnectionCycleJob"/> per connection registered by <see cref="ConnectionJobRegistrar"/>.</summary>
public static class SchedulingServiceCollectionExtensions
{
    public const string QuartzTablePrefix = "quartz.qrtz_";

    /// <summary>The cycle itself, usable without the scheduler (CLI, demo).</summary>
    public static IHostApplicationBuilder AddCycle(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        builder.Services.AddSingleton<ConnectionCycle>();
        return builder;
    }

    /// <summary>Quartz with the clustered ADO store on the shared data source; its tables live in schema <c>quartz</c>.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SchedulingOptions.SectionName);
        var defaults = new SchedulingOptions();
        builder.Services.AddQuartz(q =>
        {
            var instanceId = section[nameof(SchedulingOptions.InstanceId)] is { Length: > 0 } id ? id : defaults.InstanceId;
            q.ConfigureScheduler(s =>
            {
                // Every node of the cluster needs its own id: AUTO has Quartz make one (host name and start time).
                s.GenerateInstanceId = instanceId == "AUTO";
                if (!s.GenerateInstanceId)
                {
                    s.InstanceId = instanceId;
                }
            });
            q.AddJobListener<JobOutcomeListener>();
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(ds => ds.UseRegisteredDataSource = true);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = section.GetValue(nameof(SchedulingOptions.ClusterCheckinInterval), defaults.ClusterCheckinInterval);
                    c.CheckinMisfireThreshold = section.GetValue(nameof(SchedulingOptions.ClusterCheckinMisfireThreshold), defaults.ClusterCheckinMisfireThreshold);
                });
                store.ProvisionSchema();
                store.ConfigureStore(o => o.TablePrefix = QuartzTablePrefix);
            });
        });
        // A node with Scheduling:Enabled=false still writes to the clustered store (webhooks, registrations) but runs no jobs.
        var runsJobs = builder.Configuration.GetValue(SchedulingOptions.SectionName + ":" + nameof(SchedulingOptions.Enabled), true);
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = runsJobs;
        });
        // Graceful shutdown: running jobs get ShutdownTimeout to stop at a page boundary and commit (RunConnectionCycleJob).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = section.GetValue(nameof(SchedulingOptions.ShutdownTimeout), defaults.ShutdownTimeout));
        builder.Services.AddSingleton<JobBoard>();
        builder.Services.AddSingleton<ConnectionJobRegistrar>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConnectionJobRegistrar>());
        return builder;
    }
}
