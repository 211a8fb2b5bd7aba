using KpiSync.Admin;
using KpiSync.Crm;
using KpiSync.Publishing;
using KpiSync.Recompute;
using KpiSync.Scheduling;
using KpiSync.Storage;
using KpiSync.Sync;
using KpiSync.Webhooks;
using Serilog;

namespace KpiSync.Hosting;

/// <summary>The one composition root (STYLE rule 10), built from the per-feature Add… extensions.</summary>
public static class KpiSyncHostBuilder
{
    public const string EnvironmentPrefix = "KPISYNC__";

    public static IHostApplicationBuilder AddKpiSync(this IHostApplicationBuilder builder, HostMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        var routing = new LogRouting(commandPrintsResults: mode == HostMode.Cli);
        builder.Services.AddSingleton(routing);
        builder.Logging.ClearProviders();
        var logger = KpiSyncLogging.Create(builder.Configuration, routing);
        builder.Logging.AddSerilog(logger, dispose: true);
        // Request logging (RequestLogging) writes to this logger, not to Serilog's static one.
        builder.Services.AddSingleton<Serilog.ILogger>(logger);
        builder.Services.AddSingleton(new Serilog.Extensions.Hosting.DiagnosticContext(logger));
        builder.Services.AddSingleton<IDiagnosticContext>(sp => sp.GetRequiredService<Serilog.Extensions.Hosting.DiagnosticContext>());
        builder.AddStorage().AddCrmClients().AddSync().AddRecompute().AddPublishing().AddCycle();
        builder.Services.AddOptions<Cli.DemoOptions>().BindConfiguration(Cli.DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (mode == HostMode.Serve)
        {
            builder.AddAdmin().AddWebhooks().AddScheduling();
        }

        return builder;
    }

    /// <summary>Settings every host shares: appsettings.json beside the binary, whatever the working directory.</summary>
    public static WebApplicationOptions WebOptions(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    public static HostApplicationBuilderSettings CliSettings() => new() { Args = [], ContentRootPath = AppContext.BaseDirectory };
}
