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
        builder.Services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(ds => ds.UseRegisteredDataSource = true);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
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
        builder.Services.AddSingleton<ConnectionJobRegistrar>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConnectionJobRegistrar>());
        return builder;
    }
}
