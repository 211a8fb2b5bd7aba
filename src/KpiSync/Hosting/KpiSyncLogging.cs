using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace KpiSync.Hosting;

/// <summary>
/// The Serilog pipeline. Every logged exception goes, with its stack trace, to the error log (<c>Cli:ErrorLog</c>).
/// The configured sinks (the console) get it only from a started server: in any other command, and while a server
/// starts, an exception is the command's own failure, which the CLI reports itself as one line on stderr. There, too,
/// an exception is one line with its reason; its stack trace only when the default level is Debug or below.
/// </summary>
internal static class KpiSyncLogging
{
    public const string ErrorLogKey = "Cli:ErrorLog";

    private const string ErrorLogTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} {Message:lj}{NewLine}{Exception}";

    public static Logger Create(IConfiguration configuration, LogRouting routing) => new LoggerConfiguration()
        // Levels only: the same as the configured sinks', so a disabled level costs nothing.
        .ReadFrom.Configuration(LevelsOf(configuration))
        .WriteTo.Logger(sinks => sinks.Filter.ByIncludingOnly(e => e.Exception is null || routing.ConsoleGetsExceptions)
            .WriteTo.Sink(new OneLineFailures(new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger(), ShowsStackTraces(configuration))))
        .WriteTo.Logger(errors => ErrorLog(errors.Filter.ByIncludingOnly(e => e.Exception is not null), configuration))
        .CreateLogger();

    /// <summary>The error log alone, for a failure that reaches the CLI after (or before) any host.</summary>
    public static Logger CreateErrorLog(IConfiguration configuration) => ErrorLog(new LoggerConfiguration(), configuration).CreateLogger();

    /// <summary>The error log's file, as configured: relative paths are under the working directory, like <c>.kpisync/pg</c>.</summary>
    public static string? ErrorLogPath(IConfiguration configuration) =>
        configuration[ErrorLogKey] is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    private static LoggerConfiguration ErrorLog(LoggerConfiguration to, IConfiguration configuration) =>
        ErrorLogPath(configuration) is { } path
            // Shared: several kpisync processes (serve, CLI commands) may run in one directory at once.
            ? to.MinimumLevel.Verbose().WriteTo.File(path, outputTemplate: ErrorLogTemplate, shared: true,
                fileSizeLimitBytes: 10 << 20, rollOnFileSizeLimit: true, retainedFileCountLimit: 5, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            : to.MinimumLevel.Is(LevelAlias.Off);

    private static bool ShowsStackTraces(IConfiguration configuration) =>
        (configuration["Serilog:MinimumLevel:Default"] ?? configuration["Serilog:MinimumLevel"]) is { } level
        && Enum.TryParse<LogEventLevel>(level, ignoreCase: true, out var parsed) && parsed <= LogEventLevel.Debug;

    private static IConfiguration LevelsOf(IConfiguration configuration) =>
        new ConfigurationBuilder().AddInMemoryCollection(configuration.GetSection("Serilog:MinimumLevel").AsEnumerable()).Build();
}
