using Serilog;
using Serilog.Events;

namespace KpiSync.Hosting;

/// <summary>
/// One line per HTTP request (method, path, status, time) at Debug: the default Information console stays about the
/// work, and <c>Serilog:MinimumLevel:Default = Debug</c> shows the traffic. ASP.NET Core's own per-request lines stay
/// under the Microsoft override.
/// </summary>
internal static class RequestLogging
{
    public static WebApplication UseKpiSyncRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = logger;
            o.GetLevel = (_, _, _) => LogEventLevel.Debug;
        });
        return app;
    }
}
